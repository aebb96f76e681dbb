-- Filetype detection is on as soon as the plugin is on the runtimepath; the language server
-- starts with require('dockwise').setup{}.
if vim.g.loaded_dockwise then
  return
end
vim.g.loaded_dockwise = 1
require('dockwise.filetype').setup()

vim.api.nvim_create_user_command('DockwiseExplain', function(opts)
  require('dockwise.explain').open(opts.args)
end, { nargs = '+', desc = 'dockwise: show the knowledge entry for a query' })
