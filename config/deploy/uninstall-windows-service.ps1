# Stops and removes the StatsIngest Windows service. The data folder is left in place.
param([string]$ServiceName = "StatsIngest")
$ErrorActionPreference = "Stop"
$service = Get-Service -Name $ServiceName -ErrorAction SilentlyContinue
if (-not $service) { Write-Host "No service named $ServiceName."; exit 0 }
if ($service.Status -ne "Stopped") { Stop-Service -Name $ServiceName -Force }
sc.exe delete $ServiceName | Out-Null
Write-Host "Removed $ServiceName."
