#!/usr/bin/env pwsh
# Bootstraps the build on PowerShell: the same steps as build.sh (SDK from global.json, rebuild the build
# project only when its inputs changed, run it with the arguments).
[CmdletBinding()]
param([Parameter(Position = 0, Mandatory = $false, ValueFromRemainingArguments = $true)][string[]]$BuildArguments)

Set-StrictMode -Version 2.0
$ErrorActionPreference = "Stop"
$ProgressPreference = "SilentlyContinue"

$ScriptDir = Split-Path $MyInvocation.MyCommand.Path -Parent
$BuildProject = Join-Path $ScriptDir "build/_build.csproj"
$BuildDll = Join-Path $ScriptDir "build/bin/_build.dll"
$TempDirectory = Join-Path $ScriptDir ".nuke/temp"
$StampFile = Join-Path $TempDirectory "build-inputs.sha256"
$DotNetInstallUrl = "https://dot.net/v1/dotnet-install.ps1"

$env:DOTNET_CLI_TELEMETRY_OPTOUT = 1
$env:DOTNET_NOLOGO = 1
$env:DOTNET_SKIP_FIRST_TIME_EXPERIENCE = 1

function Test-DotNet {
    if ($null -eq (Get-Command "dotnet" -ErrorAction SilentlyContinue)) { return $false }
    Push-Location $ScriptDir
    try { & dotnet --version *> $null; return $LASTEXITCODE -eq 0 } finally { Pop-Location }
}

if (Test-DotNet) {
    $DotNetExe = (Get-Command "dotnet").Path
}
else {
    $DotNetDirectory = Join-Path $TempDirectory "dotnet-win"
    $DotNetExe = Join-Path $DotNetDirectory "dotnet.exe"
    if (-not (Test-Path $DotNetExe)) {
        $Version = (Get-Content (Join-Path $ScriptDir "global.json") | ConvertFrom-Json).sdk.version
        Write-Host "The .NET SDK $Version (global.json) is not installed; installing it into $DotNetDirectory."
        New-Item -ItemType Directory -Force -Path $TempDirectory | Out-Null
        $Installer = Join-Path $TempDirectory "dotnet-install.ps1"
        (New-Object System.Net.WebClient).DownloadFile($DotNetInstallUrl, $Installer)
        & $Installer -InstallDir $DotNetDirectory -Version $Version -NoPath
    }
    $env:DOTNET_ROOT = $DotNetDirectory
    $env:PATH = "$DotNetDirectory$([IO.Path]::PathSeparator)$env:PATH"
}

function Get-BuildInputsHash {
    Push-Location $ScriptDir
    try {
        $files = @(Get-ChildItem -Path "build" -Recurse -File -Include "*.cs", "*.csproj", "packages.lock.json" |
            Where-Object { $_.FullName -notmatch "[\\/](bin|obj)[\\/]" } |
            ForEach-Object { [IO.Path]::GetRelativePath($ScriptDir, $_.FullName).Replace('\', '/') })
        $files += "global.json", "Directory.Build.props", "Directory.Packages.props", ".editorconfig"
        $lines = $files | Sort-Object { $_ } -Culture "" | ForEach-Object { "$((Get-FileHash -Algorithm SHA256 $_).Hash) $_" }
        $bytes = [Text.Encoding]::UTF8.GetBytes(($lines -join "`n"))
        return [BitConverter]::ToString([Security.Cryptography.SHA256]::Create().ComputeHash($bytes)).Replace("-", "")
    }
    finally { Pop-Location }
}

$InputsHash = Get-BuildInputsHash
if (-not (Test-Path $BuildDll) -or -not (Test-Path $StampFile) -or ((Get-Content $StampFile -Raw).Trim() -ne $InputsHash)) {
    New-Item -ItemType Directory -Force -Path $TempDirectory | Out-Null
    Remove-Item $StampFile -ErrorAction SilentlyContinue
    # Quiet when it works; the whole compiler output when it does not.
    $BuildOutput = & $DotNetExe build $BuildProject /nodeReuse:false /p:UseSharedCompilation=false -nologo -clp:NoSummary --verbosity quiet 2>&1
    if ($LASTEXITCODE -ne 0) {
        $BuildOutput | Write-Host
        Write-Error "The build project did not compile (see above)."
        exit 1
    }
    Set-Content -Path $StampFile -Value $InputsHash
}

& $DotNetExe $BuildDll @BuildArguments
exit $LASTEXITCODE
