# syntax=docker/dockerfile:1
# escape=`
# check=skip=JSONArgsRecommended,StageNameCasing;error=true
FROM mcr.microsoft.com/windows/servercore:ltsc2022
RUN Write-Host `
    hello
