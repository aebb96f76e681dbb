-- Filetype detection for dockwise's files, on Neovim 0.7 and later.
--   compose*.y*ml, docker-compose*.y*ml          -> yaml.docker-compose (YAML syntax, plus compose)
--   Dockerfile, Containerfile, *.Dockerfile, *.Containerfile, *.dockerfile, *.containerfile,
--   Dockerfile.*, Containerfile.*                -> dockerfile
-- Neovim 0.8+ has vim.filetype.add (0.7's exists but is ignored unless the user opted into
-- filetype.lua), so 0.7 gets autocommands, which run after filetype.vim's and win.
local M = {}

local compose = { 'compose*.yml', 'compose*.yaml', 'docker-compose*.yml', 'docker-compose*.yaml' }
local dockerfile = {
  'Dockerfile', 'Containerfile', 'dockerfile', 'containerfile',
  '*.Dockerfile', '*.Containerfile', '*.dockerfile', '*.containerfile',
  'Dockerfile.*', 'Containerfile.*',
}

local done = false

function M.setup()
  if done then
    return
  end
  done = true
  if vim.fn.has('nvim-0.8') == 1 and vim.filetype and vim.filetype.add then
    vim.filetype.add({
      pattern = {
        ['.*/compose[^/]*%.ya?ml'] = 'yaml.docker-compose',
        ['.*/docker%-compose[^/]*%.ya?ml'] = 'yaml.docker-compose',
        ['.*/[^/]*%.[Dd]ockerfile'] = 'dockerfile',
        ['.*/[^/]*%.[Cc]ontainerfile'] = 'dockerfile',
        ['.*/[Dd]ockerfile%.[^/]*'] = 'dockerfile',
        ['.*/[Cc]ontainerfile%.[^/]*'] = 'dockerfile',
      },
      filename = { Dockerfile = 'dockerfile', Containerfile = 'dockerfile',
                   dockerfile = 'dockerfile', containerfile = 'dockerfile' },
    })
    return
  end
  local group = vim.api.nvim_create_augroup('dockwise_filetype', { clear = true })
  vim.api.nvim_create_autocmd({ 'BufNewFile', 'BufRead' }, {
    group = group,
    pattern = compose,
    callback = function(args)
      if vim.bo[args.buf].filetype ~= 'yaml.docker-compose' then
        vim.bo[args.buf].filetype = 'yaml.docker-compose'
      end
    end,
  })
  vim.api.nvim_create_autocmd({ 'BufNewFile', 'BufRead' }, {
    group = group,
    pattern = dockerfile,
    callback = function(args)
      if vim.bo[args.buf].filetype ~= 'dockerfile' then
        vim.bo[args.buf].filetype = 'dockerfile'
      end
    end,
  })
end

return M
