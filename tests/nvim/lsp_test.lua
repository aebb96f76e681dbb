-- Drives dockwise from Neovim's built-in LSP client (0.7.2 and later), headless.
-- Environment: DOCKWISE (server binary), TEST_FILE, TEST_OUT (JSON result), TEST_HOVER_LINE
-- and TEST_HOVER_COL (1-based). Exits 0 when every check passes, 1 otherwise.

local env = vim.env
local result = { checks = {}, diagnostics = {}, hover = vim.NIL }
local failed = false

local function check(name, ok, detail)
  table.insert(result.checks, { name = name, ok = ok and true or false, detail = detail })
  if not ok then failed = true end
end

local function finish()
  local file = io.open(env.TEST_OUT, 'w')
  file:write(vim.json.encode(result), '\n')
  file:close()
  vim.cmd(failed and 'cquit 1' or 'qall!')
end

-- Stop whatever happens after 20 s, so a hung server fails the test instead of CI.
vim.defer_fn(function()
  check('finished in time', false, 'timeout')
  finish()
end, 20000)

vim.cmd('edit ' .. vim.fn.fnameescape(env.TEST_FILE))
local bufnr = vim.api.nvim_get_current_buf()
local published = nil

local client_id = vim.lsp.start_client({
  name = 'dockwise',
  cmd = { env.DOCKWISE, 'lsp' },
  root_dir = vim.fn.fnamemodify(env.TEST_FILE, ':p:h'),
  handlers = {
    ['textDocument/publishDiagnostics'] = function(err, params, ctx, config)
      if params and params.uri == vim.uri_from_bufnr(bufnr) then
        published = params.diagnostics
      end
      return vim.lsp.diagnostic.on_publish_diagnostics(err, params, ctx, config)
    end,
  },
})
check('server started', client_id ~= nil)
if not client_id then finish() return end
vim.lsp.buf_attach_client(bufnr, client_id)

local got_diagnostics = vim.wait(10000, function() return published ~= nil end, 50)
check('diagnostics published', got_diagnostics)
for _, d in ipairs(published or {}) do
  table.insert(result.diagnostics, { line = d.range.start.line + 1, code = d.code, message = d.message })
end
check('at least one diagnostic', #(published or {}) > 0)
check('Neovim shows them', #vim.diagnostic.get(bufnr) == #(published or {}))

local client = vim.lsp.get_client_by_id(client_id)
local position = { line = tonumber(env.TEST_HOVER_LINE) - 1, character = tonumber(env.TEST_HOVER_COL) - 1 }
local response = client.request_sync('textDocument/hover', {
  textDocument = { uri = vim.uri_from_bufnr(bufnr) },
  position = position,
}, 5000, bufnr)
local contents = response and response.result and response.result.contents
local text = type(contents) == 'table' and (contents.value or contents[1]) or contents
check('hover answered', type(text) == 'string' and #text > 0, response and response.err)
if type(text) == 'string' then
  result.hover = text
  -- What a user sees: Neovim renders the markdown into a floating window's lines.
  local lines = vim.lsp.util.convert_input_to_markdown_lines(contents)
  check('hover renders', #lines > 0)
end

-- Completion: type `COPY --` on a new last line, as a user would, and ask for the flags.
vim.api.nvim_buf_set_lines(bufnr, -1, -1, false, { 'COPY --' })
local last_line = vim.api.nvim_buf_line_count(bufnr) - 1
vim.wait(300) -- let the change reach the server
local completions = vim.lsp.buf_request_sync(bufnr, 'textDocument/completion', {
  textDocument = { uri = vim.uri_from_bufnr(bufnr) },
  position = { line = last_line, character = 7 },
}, 5000)
local labels = {}
for _, response in pairs(completions or {}) do
  local answer = response.result or {}
  for _, item in ipairs(answer.items or answer) do
    table.insert(labels, item.label)
  end
end
check('completion offers the COPY flags', vim.tbl_contains(labels, '--from'), table.concat(labels, ' '))

-- Navigation on a multi-stage Dockerfile of its own: go to definition and rename through
-- Neovim's own commands (which jump, and apply the returned WorkspaceEdit).
do
  local nav_file = vim.fn.fnamemodify(env.TEST_FILE, ':p:h') .. '/nav.Dockerfile'
  vim.fn.writefile({
    'ARG VERSION=1.2',
    'FROM alpine:3.20 AS build',
    'ARG VERSION',
    'RUN echo "$VERSION" > /version',
    'FROM alpine:3.20',
    'COPY --from=build /version /version',
  }, nav_file)
  vim.cmd('edit ' .. vim.fn.fnameescape(nav_file))
  local nav_buf = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(nav_buf, client_id)

  -- On `build` of `--from=build`, definition jumps to `AS build` (line 2, column 21).
  vim.api.nvim_win_set_cursor(0, { 6, 14 })
  vim.lsp.buf.definition()
  local jumped = vim.wait(5000, function()
    local cursor = vim.api.nvim_win_get_cursor(0)
    return cursor[1] == 2 and cursor[2] == 20
  end, 50)
  check('definition jumps to the stage', jumped, vim.inspect(vim.api.nvim_win_get_cursor(0)))

  -- Rename the stage from its definition, then the variable from its use in RUN.
  vim.lsp.buf.rename('compile')
  local stage_renamed = vim.wait(5000, function()
    local lines = vim.api.nvim_buf_get_lines(nav_buf, 0, -1, false)
    return lines[2] == 'FROM alpine:3.20 AS compile' and lines[6] == 'COPY --from=compile /version /version'
  end, 50)
  check('rename applies to the stage and its uses', stage_renamed,
    table.concat(vim.api.nvim_buf_get_lines(nav_buf, 0, -1, false), '\n'))

  vim.api.nvim_win_set_cursor(0, { 4, 12 })
  vim.lsp.buf.rename('RELEASE')
  local variable_renamed = vim.wait(5000, function()
    local lines = vim.api.nvim_buf_get_lines(nav_buf, 0, -1, false)
    return lines[1] == 'ARG RELEASE=1.2' and lines[3] == 'ARG RELEASE'
      and lines[4] == 'RUN echo "$RELEASE" > /version'
  end, 50)
  check('rename applies to the ARG, its redeclaration and the shell use', variable_renamed,
    table.concat(vim.api.nvim_buf_get_lines(nav_buf, 0, -1, false), '\n'))
end

client.stop()
vim.wait(2000, function() return client.is_stopped() end, 50)
finish()
