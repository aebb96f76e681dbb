-- Drives dockwise through the Neovim plugin (editors/neovim) exactly as a user configures it:
-- require('dockwise').setup{ cmd = ..., settings = ... }, then opens files.
-- Environment: DOCKWISE (server binary), TEST_DIR (holds Dockerfile, compose.yaml and the
-- filetype samples), TEST_OUT (JSON result). Writes { checks = [...], version = ... } and exits.
local env = vim.env
local result = { checks = {}, version = tostring(vim.version().major) .. '.' .. vim.version().minor .. '.' .. vim.version().patch }
local failed = false
local function clients() return (vim.lsp.get_clients or vim.lsp.get_active_clients)() end
local function attached(bufnr, id)
  for _, c in pairs(vim.lsp.get_clients and vim.lsp.get_clients({ bufnr = bufnr }) or vim.lsp.buf_get_clients(bufnr)) do
    if c.id == id then return true end
  end
  return false
end
result.api = (vim.fn.has('nvim-0.11') == 1 and vim.lsp.config and vim.lsp.enable) and 'vim.lsp.config/enable' or 'vim.lsp.start_client'

local function check(name, ok, detail)
  table.insert(result.checks, { name = name, ok = ok and true or false, detail = detail ~= nil and vim.inspect(detail) or nil })
  if not ok then failed = true end
  return ok
end

local function finish()
  local file = io.open(env.TEST_OUT, 'w')
  file:write(vim.json.encode(result), '\n')
  file:close()
  for _, client in pairs(clients()) do require('dockwise').call(client, 'stop') end
  vim.wait(2000, function() return #clients() == 0 end, 50)
  vim.cmd(failed and 'cquit 1' or 'qall!')
end

-- Whatever happens, stop after 45 s so a hung server fails the test instead of CI.
vim.defer_fn(function()
  check('finished in time', false, 'timeout')
  finish()
end, 45000)

local ok_run, run_err = pcall(function()
  local dir = env.TEST_DIR
  local dockwise = require('dockwise')

  -- Filetype detection: on as soon as the plugin is on the runtimepath, before setup{}.
  local expected_ft = {
    ['Dockerfile'] = 'dockerfile', ['Containerfile'] = 'dockerfile', ['api.Dockerfile'] = 'dockerfile',
    ['Dockerfile.dev'] = 'dockerfile', ['Containerfile.prod'] = 'dockerfile',
    ['compose.yaml'] = 'yaml.docker-compose', ['docker-compose.yml'] = 'yaml.docker-compose',
    ['compose.prod.yml'] = 'yaml.docker-compose', ['docker-compose.override.yaml'] = 'yaml.docker-compose',
    ['other.yaml'] = 'yaml',
  }
  for name, ft in pairs(expected_ft) do
    local buf = vim.fn.bufadd(dir .. '/samples/' .. name)
    vim.fn.bufload(buf)
    vim.api.nvim_buf_call(buf, function() vim.cmd('doautocmd BufRead') end)
    check('filetype of ' .. name .. ' is ' .. ft, vim.bo[buf].filetype == ft, vim.bo[buf].filetype)
  end
  for _, buf in ipairs(vim.api.nvim_list_bufs()) do vim.api.nvim_buf_delete(buf, { force = true }) end
  check('no client before setup{}', #clients() == 0)

  dockwise.setup({
    cmd = { env.DOCKWISE, 'lsp' },
    settings = { rules = { ['compose-image-latest'] = 'error' } },
  })

  local function diagnostics_of(bufnr, code)
    local found = {}
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      local c = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
      if code == nil or c == code then table.insert(found, d) end
    end
    return found
  end

  local function hover(bufnr, line, col)
    local client = dockwise.clients()[1]
    local response = dockwise.call(client, 'request_sync', 'textDocument/hover', {
      textDocument = { uri = vim.uri_from_bufnr(bufnr) },
      position = { line = line, character = col },
    }, 5000, bufnr)
    local contents = response and response.result and response.result.contents
    if not contents then return '' end
    return table.concat(vim.lsp.util.convert_input_to_markdown_lines(contents), '\n')
  end

  -- The quick fix through the editor's own command: vim.lsp.buf.code_action picks the action
  -- with vim.ui.select (answered here by title) and applies its WorkspaceEdit itself.
  local function apply_quick_fix(bufnr, diagnostic, title_pattern)
    local offered = {}
    local picked = nil
    vim.ui.select = function(items, _, on_choice)
      for i, item in ipairs(items) do
        local action = item.action or item[2]
        table.insert(offered, action.title)
        if picked == nil and action.title:match(title_pattern) then
          picked = action
          on_choice(item, i)
          return
        end
      end
      on_choice(nil, nil)
    end
    vim.api.nvim_win_set_cursor(0, { diagnostic.lnum + 1, diagnostic.col })
    local tick = vim.api.nvim_buf_get_changedtick(bufnr)
    -- As a user does: cursor on the problem, code action (the diagnostics under the cursor
    -- go in the context).
    vim.lsp.buf.code_action()
    vim.wait(5000, function() return vim.api.nvim_buf_get_changedtick(bufnr) ~= tick end, 50)
    return picked, offered
  end

  -- 1. A Dockerfile: diagnostics, hover, quick fix MAINTAINER -> LABEL.
  vim.cmd('edit ' .. vim.fn.fnameescape(dir .. '/Dockerfile'))
  local dbuf = vim.api.nvim_get_current_buf()
  check('Dockerfile: filetype dockerfile', vim.bo[dbuf].filetype == 'dockerfile', vim.bo[dbuf].filetype)
  check('Dockerfile: a dockwise client attached', vim.wait(10000, function()
    return #dockwise.clients() == 1 and attached(dbuf, dockwise.clients()[1].id)
  end, 50))
  local client = dockwise.clients()[1]
  if not client then error('no client') end
  local client_id = client.id
  check('Dockerfile: maintainer-deprecated diagnostic', vim.wait(10000, function()
    return #diagnostics_of(dbuf, 'maintainer-deprecated') > 0
  end, 50), diagnostics_of(dbuf))
  local text = hover(dbuf, 1, 2)
  result.dockerfile_hover = text
  check('Dockerfile: hover on MAINTAINER mentions LABEL', text:find('LABEL') ~= nil, text:sub(1, 300))
  local diagnostic = diagnostics_of(dbuf, 'maintainer-deprecated')[1]
  if diagnostic then
    local picked, offered = apply_quick_fix(dbuf, diagnostic, 'LABEL')
    check('Dockerfile: quick fix offered', picked ~= nil, offered)
    local lines = vim.api.nvim_buf_get_lines(dbuf, 0, -1, false)
    result.dockerfile_after = lines
    check('Dockerfile: MAINTAINER replaced by LABEL', lines[2] and lines[2]:match('^LABEL ') ~= nil
      and not table.concat(lines, '\n'):find('MAINTAINER'), lines)
    check('Dockerfile: diagnostic gone after the fix', vim.wait(10000, function()
      return #diagnostics_of(dbuf, 'maintainer-deprecated') == 0
    end, 50), diagnostics_of(dbuf))
  end

  -- 2. A compose file in the same directory: same client, languageId dockercompose (the
  --    compose rules only run for it), the editor's settings applied (image-latest = error).
  vim.cmd('edit ' .. vim.fn.fnameescape(dir .. '/compose.yaml'))
  local cbuf = vim.api.nvim_get_current_buf()
  check('compose: filetype yaml.docker-compose', vim.bo[cbuf].filetype == 'yaml.docker-compose', vim.bo[cbuf].filetype)
  check('compose: the same client is reused', vim.wait(5000, function()
    return attached(cbuf, client_id)
  end, 50) and #dockwise.clients() == 1)
  check('compose: compose-version-obsolete diagnostic', vim.wait(10000, function()
    return #diagnostics_of(cbuf, 'compose-version-obsolete') > 0
  end, 50), diagnostics_of(cbuf))
  local latest = diagnostics_of(cbuf, 'compose-image-latest')[1]
  check('compose: setting rules.compose-image-latest=error applied',
    latest ~= nil and latest.severity == vim.diagnostic.severity.ERROR, latest)
  text = hover(cbuf, 3, 13)
  result.compose_hover = text
  check('compose: hover on the image', #text > 0, text)
  diagnostic = diagnostics_of(cbuf, 'compose-version-obsolete')[1]
  if diagnostic then
    local picked, offered = apply_quick_fix(cbuf, diagnostic, '.')
    check('compose: quick fix offered', picked ~= nil, offered)
    local lines = vim.api.nvim_buf_get_lines(cbuf, 0, -1, false)
    result.compose_after = lines
    check('compose: version line removed', not table.concat(lines, '\n'):find('version:') and lines[1] == 'services:', lines)
  end

  -- 3. Settings change without a restart.
  dockwise.update_settings({ rules = { ['compose-image-latest'] = 'off' } })
  check('settings: rule turned off without a restart', vim.wait(10000, function()
    return #diagnostics_of(cbuf, 'compose-image-latest') == 0
  end, 50) and #dockwise.clients() == 1 and dockwise.clients()[1].id == client_id, diagnostics_of(cbuf))

  -- 4. The knowledge base.
  vim.cmd('DockwiseExplain instruction-maintainer')
  local explained = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), '\n')
  check(':DockwiseExplain shows the entry', explained:find('MAINTAINER') ~= nil and vim.bo.filetype == 'markdown', explained:sub(1, 200))
end)
check('no error in the test script', ok_run, run_err)
check('no deprecation or error message from Neovim', not vim.fn.execute('messages'):find('deprecated') and not vim.fn.execute('messages'):find('E%d+:'), vim.fn.execute('messages'))
finish()
