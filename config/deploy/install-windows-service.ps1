# Installs StatsIngest as a Windows service: create, set recovery actions, start.
# Usage: install-windows-service.ps1 -BinaryPath C:\StatsIngest\statsingest.exe [-DataDirectory D:\StatsIngestData]
param(
    [Parameter(Mandatory = $true)][string]$BinaryPath,
    [string]$ServiceName = "StatsIngest",
    [string]$DataDirectory = ""
)
$ErrorActionPreference = "Stop"
if (-not (Test-Path $BinaryPath)) { throw "No program at $BinaryPath. Run dotnet publish first." }
if (Get-Service -Name $ServiceName -ErrorAction SilentlyContinue) { throw "A service named $ServiceName already exists." }

$arguments = "run --Data:SeedSamples=false"
if ($DataDirectory -ne "") { $arguments += " --Data:Directory=`"$DataDirectory`"" }

New-Service -Name $ServiceName -BinaryPathName "`"$BinaryPath`" $arguments" `
    -DisplayName "StatsIngest" -Description "Ingests industrial statistics spreadsheets and writes summary workbooks." `
    -StartupType Automatic | Out-Null

# Restart after 60 s on the first three failures; reset the failure count after a day.
sc.exe failure $ServiceName reset= 86400 actions= restart/60000/restart/60000/restart/60000 | Out-Null
sc.exe failureflag $ServiceName 1 | Out-Null

Start-Service -Name $ServiceName
Get-Service -Name $ServiceName
