# escape=`

FROM mcr.microsoft.com/dotnet/sdk:8.0-windowsservercore-ltsc2022 AS build
WORKDIR C:\src
COPY *.sln .
COPY src\Web\*.csproj .\src\Web\
COPY src\Core\*.csproj .\src\Core\
RUN dotnet restore
COPY . .
RUN dotnet publish src\Web\Web.csproj -c Release -o C:\app `
        --no-restore `
        /p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:8.0-windowsservercore-ltsc2022
SHELL ["powershell", "-Command", "$ErrorActionPreference = 'Stop'; $ProgressPreference = 'SilentlyContinue';"]
RUN Install-WindowsFeature Web-Server; `
    Remove-Item -Recurse C:\inetpub\wwwroot\*; `
    New-Item -Path C:\logs -ItemType Directory | Out-Null
ENV ASPNETCORE_URLS=http://+:80 `
    DOTNET_RUNNING_IN_CONTAINER=true
WORKDIR C:\app
COPY --from=build C:\app .
EXPOSE 80
HEALTHCHECK --interval=30s CMD powershell -command `
    try { `
        $response = iwr http://localhost/health -UseBasicParsing; `
        if ($response.StatusCode -eq 200) { return 0 } else { return 1 }; `
    } catch { return 1 }
ENTRYPOINT ["dotnet", "Web.dll"]
