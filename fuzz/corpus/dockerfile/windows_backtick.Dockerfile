# escape=`

FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command", "$ErrorActionPreference = 'Stop';"]
COPY C:\src\ C:\dst\
WORKDIR C:\app\
RUN [Net.ServicePointManager]::SecurityProtocol = [Net.SecurityProtocolType]::Tls12; `
    Invoke-WebRequest -Uri https://example.com/x.zip -OutFile C:\x.zip ; `
    # a comment inside the continuation
    Expand-Archive C:\x.zip -DestinationPath C:\x\
ENV PATH="C:\x\bin;${PATH}" `
    HOME=C:\Users\app
