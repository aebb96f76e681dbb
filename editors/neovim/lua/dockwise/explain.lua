-- :DockwiseExplain QUERY: the knowledge entry as Markdown in a scratch buffer, from the running
-- server (workspace/executeCommand dockwise.explain), else from `dockwise explain QUERY`.
local M = {}

local function show(markdown, query)
  vim.cmd('botright new')
  local buf = vim.api.nvim_get_current_buf()
  vim.bo[buf].buftype = 'nofile'
  vim.bo[buf].bufhidden = 'wipe'
  vim.bo[buf].swapfile = false
  pcall(vim.api.nvim_buf_set_name, buf, 'dockwise://explain/' .. query)
  vim.api.nvim_buf_set_lines(buf, 0, -1, false, vim.split(markdown, '\n', { plain = true }))
  vim.bo[buf].filetype = 'markdown'
  vim.bo[buf].modifiable = false
end

function M.open(query)
  local dockwise = require('dockwise')
  local client = dockwise.clients()[1]
  if client then
    local response = dockwise.call(client, 'request_sync', 'workspace/executeCommand',
      { command = 'dockwise.explain', arguments = { query } }, 5000, 0)
    if response and type(response.result) == 'string' and response.result ~= '' then
      return show(response.result, query)
    end
  end
  local cmd = vim.deepcopy(dockwise.config.cmd)
  local output = vim.fn.system({ cmd[1], 'explain', query })
  if vim.v.shell_error ~= 0 or output == '' then
    vim.notify('dockwise: nothing in the knowledge base for ' .. query, vim.log.levels.WARN)
    return
  end
  show(output, query)
end

return M
