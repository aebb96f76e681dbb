-- dockwise for Neovim: starts `dockwise lsp` for Dockerfiles and Compose files.
--
--   require('dockwise').setup{}                                  -- defaults
--   require('dockwise').setup{ cmd = { '/path/to/dockwise', 'lsp' },
--                              settings = { rules = { ['instruction-casing'] = 'off' } } }
--
-- Works on Neovim 0.7.2 (vim.lsp.start_client + buf_attach_client, one client per root
-- directory, reused by every buffer below it) through 0.11+ (vim.lsp.config/vim.lsp.enable).
local M = {}

M.filetypes = { 'dockerfile', 'yaml.docker-compose' }

local defaults = {
  cmd = { 'dockwise', 'lsp' },
  -- The `dockwise` section the server pulls with workspace/configuration:
  -- { rules = { ['rule-name'] = 'off'|'on'|'error'|'warning'|'info'|'hint' } }
  settings = {},
  -- Files whose directory is the project root (the nearest one above the file wins), else
  -- the file's own directory.
  root_markers = { 'dockwise.toml', '.git' },
  -- Passed through to the client: on_attach(client, bufnr), capabilities, handlers, ...
  on_attach = nil,
  capabilities = nil,
  handlers = nil,
  -- Use vim.lsp.config/vim.lsp.enable on Neovim 0.11+ (false: always the 0.7 code path).
  native = true,
}

M.config = vim.deepcopy(defaults)

-- Client methods: `client.notify(...)` up to 0.10, `client:notify(...)` from 0.11 (where the
-- dot form is deprecated).
local method_style = vim.fn.has('nvim-0.11') == 1
function M.call(client, method, ...)
  if method_style then
    return client[method](client, ...)
  end
  return client[method](...)
end

local function all_clients()
  return (vim.lsp.get_clients or vim.lsp.get_active_clients)()
end

--- The languageId the server expects for a buffer: `dockerfile` or `dockercompose`.
function M.language_id(_, filetype)
  if filetype == 'dockerfile' then
    return 'dockerfile'
  end
  -- yaml.docker-compose, docker-compose, or a compose file left as plain yaml
  return 'dockercompose'
end

local function compose_name(name)
  return name:match('^compose.*%.ya?ml$') ~= nil or name:match('^docker%-compose.*%.ya?ml$') ~= nil
end

--- Is this buffer one for dockwise? (By filetype, or by name for compose files still `yaml`.)
function M.wants(bufnr)
  local ft = vim.bo[bufnr].filetype
  if ft == 'dockerfile' or ft == 'yaml.docker-compose' or ft == 'docker-compose' then
    return true
  end
  if ft == 'yaml' then
    return compose_name(vim.fn.fnamemodify(vim.api.nvim_buf_get_name(bufnr), ':t'))
  end
  return false
end

local function root_for(bufnr)
  local file = vim.api.nvim_buf_get_name(bufnr)
  local dir = file ~= '' and vim.fn.fnamemodify(file, ':p:h') or vim.fn.getcwd()
  for _, marker in ipairs(M.config.root_markers or {}) do
    local found = vim.fn.findfile(marker, dir .. ';')
    if found == '' then
      found = vim.fn.finddir(marker, dir .. ';')
    end
    if found ~= '' then
      local root = vim.fn.fnamemodify(found, ':p:h'):gsub('/%.git$', '')
      return root
    end
  end
  return dir
end

-- The `dockwise` section for workspace/configuration. The client asks with
-- items = { { section = 'dockwise' } } (or without a section: the whole settings table).
local function configuration_handler(_, params, ctx)
  local client = vim.lsp.get_client_by_id(ctx.client_id)
  local settings = (client and client.config.settings) or { dockwise = M.config.settings }
  local results = {}
  for i, item in ipairs(params.items or {}) do
    local value = settings
    if item.section and item.section ~= '' then
      for part in item.section:gmatch('[^.]+') do
        value = type(value) == 'table' and value[part] or nil
      end
    end
    results[i] = value == nil and vim.NIL or value
  end
  return results
end

local function client_config(root)
  local handlers = vim.tbl_extend('force', {
    ['workspace/configuration'] = configuration_handler,
  }, M.config.handlers or {})
  return {
    name = 'dockwise',
    cmd = M.config.cmd,
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = root } },
    settings = { dockwise = M.config.settings },
    get_language_id = M.language_id,
    handlers = handlers,
    capabilities = M.config.capabilities,
    on_attach = M.config.on_attach,
    on_init = function(client)
      -- Settings given to setup{} reach a server that only reads didChangeConfiguration too.
      M.call(client, 'notify', 'workspace/didChangeConfiguration', { settings = client.config.settings })
    end,
  }
end

-- Neovim 0.7 path: one client per root directory, reused across buffers.
local clients_by_root = {}

function M.attach(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  if not M.wants(bufnr) or vim.bo[bufnr].buftype ~= '' then
    return nil
  end
  local root = root_for(bufnr)
  local id = clients_by_root[root]
  if id == nil or vim.lsp.get_client_by_id(id) == nil or M.call(vim.lsp.get_client_by_id(id), 'is_stopped') then
    id = vim.lsp.start_client(client_config(root))
    if id == nil then
      vim.notify('dockwise: could not start ' .. table.concat(M.config.cmd, ' '), vim.log.levels.ERROR)
      return nil
    end
    clients_by_root[root] = id
  end
  vim.lsp.buf_attach_client(bufnr, id)
  return id
end

--- The clients started by this plugin.
function M.clients()
  local found = {}
  for _, client in pairs(all_clients()) do
    if client.name == 'dockwise' then
      table.insert(found, client)
    end
  end
  return found
end

--- Sends new settings to every running dockwise client (applies without a restart).
function M.update_settings(settings)
  M.config.settings = settings or {}
  for _, client in ipairs(M.clients()) do
    client.config.settings = { dockwise = M.config.settings }
    M.call(client, 'notify', 'workspace/didChangeConfiguration', { settings = client.config.settings })
  end
end

local function use_native()
  return M.config.native and vim.lsp.config ~= nil and vim.lsp.enable ~= nil and vim.fn.has('nvim-0.11') == 1
end

function M.setup(opts)
  M.config = vim.tbl_deep_extend('force', vim.deepcopy(defaults), opts or {})
  if type(M.config.cmd) == 'string' then
    M.config.cmd = { M.config.cmd, 'lsp' }
  end
  require('dockwise.filetype').setup()

  if use_native() then
    local config = client_config(vim.fn.getcwd())
    config.root_dir = nil
    config.workspace_folders = nil
    config.root_markers = M.config.root_markers
    config.filetypes = M.filetypes
    vim.lsp.config('dockwise', config)
    vim.lsp.enable('dockwise')
    return
  end

  local group = vim.api.nvim_create_augroup('dockwise_attach', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = { 'dockerfile', 'yaml.docker-compose', 'docker-compose', 'yaml' },
    callback = function(args)
      M.attach(args.buf)
    end,
  })
  -- Buffers already open when setup{} runs.
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) then
      M.attach(bufnr)
    end
  end
end

return M
