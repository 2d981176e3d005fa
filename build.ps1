#!/usr/bin/env pwsh
# Bootstraps the build on PowerShell, step for step as build.sh does (tests/Build.Tests/BootstrapTests.cs runs both):
# finds (or installs) the .NET SDK that global.json asks for, builds build/Build/_build.csproj when its sources changed, and
# runs it with the given arguments. `./build.ps1 --help` lists targets and parameters. Runs on PowerShell 7 (pwsh, any
# OS) and on Windows PowerShell 5.1 (build.cmd), so it uses nothing newer than .NET Framework has.
[CmdletBinding()]
param([Parameter(Position = 0, Mandatory = $false, ValueFromRemainingArguments = $true)][string[]]$BuildArguments)

Set-StrictMode -Version 2.0
$ErrorActionPreference = "Stop"
$ProgressPreference = "SilentlyContinue"

$ScriptDir = $PSScriptRoot
$BuildProject = Join-Path $ScriptDir "build/Build/_build.csproj"
$BuildDll = Join-Path $ScriptDir "build/Build/bin/_build.dll"
$TempDirectory = Join-Path $ScriptDir ".nuke/temp"
$StampFile = Join-Path $TempDirectory "build-inputs.sha256"
# $IsWindows does not exist in Windows PowerShell 5.1 (and strict mode rejects an unknown variable).
$OnWindows = [IO.Path]::DirectorySeparatorChar -eq '\'

$env:DOTNET_CLI_TELEMETRY_OPTOUT = 1
$env:DOTNET_NOLOGO = 1
$env:DOTNET_SKIP_FIRST_TIME_EXPERIENCE = 1

# Messages go to standard error, as build.sh's do: standard output is the build's own.
function Write-Message([string]$Text) { [Console]::Error.WriteLine($Text) }

# A native command whose standard error must not become a terminating error (Windows PowerShell 5.1 turns redirected
# stderr lines into error records, which "Stop" would throw).
function Invoke-Native([scriptblock]$Command) {
    $previous = $ErrorActionPreference
    $ErrorActionPreference = "Continue"
    try { & $Command } finally { $ErrorActionPreference = $previous }
}

# An SDK on PATH that satisfies global.json makes `dotnet --version` succeed inside the repository.
function Test-DotNet {
    if ($null -eq (Get-Command "dotnet" -ErrorAction SilentlyContinue)) { return $false }
    Push-Location $ScriptDir
    try { Invoke-Native { & dotnet --version *> $null }; return $LASTEXITCODE -eq 0 } finally { Pop-Location }
}

if (Test-DotNet) {
    $DotNetExe = (Get-Command "dotnet").Path
}
else {
    # The same folder and installer as build.sh on Linux and macOS; the PowerShell installer on Windows.
    if ($OnWindows) { $DotNetDirectory = Join-Path $TempDirectory "dotnet-win"; $DotNetExe = Join-Path $DotNetDirectory "dotnet.exe"; $InstallUrl = "https://dot.net/v1/dotnet-install.ps1" }
    else { $DotNetDirectory = Join-Path $TempDirectory "dotnet-unix"; $DotNetExe = Join-Path $DotNetDirectory "dotnet"; $InstallUrl = "https://dot.net/v1/dotnet-install.sh" }
    if (-not (Test-Path $DotNetExe)) {
        $Version = (Get-Content (Join-Path $ScriptDir "global.json") -Raw | ConvertFrom-Json).sdk.version
        Write-Message "The .NET SDK $Version (global.json) is not installed; installing it into $DotNetDirectory."
        New-Item -ItemType Directory -Force -Path $TempDirectory | Out-Null
        $Installer = Join-Path $TempDirectory ([IO.Path]::GetFileName($InstallUrl))
        try {
            [Net.ServicePointManager]::SecurityProtocol = [Net.ServicePointManager]::SecurityProtocol -bor [Net.SecurityProtocolType]::Tls12
            (New-Object System.Net.WebClient).DownloadFile($InstallUrl, $Installer)
        }
        catch {
            Write-Message "error: could not download $InstallUrl. Install the .NET SDK $Version yourself (https://dot.net) and re-run."
            exit 1
        }
        if ($OnWindows) { & $Installer -InstallDir $DotNetDirectory -Version $Version -NoPath }
        else { Invoke-Native { & bash $Installer --install-dir $DotNetDirectory --version $Version --no-path } }
        if (-not (Test-Path $DotNetExe)) {
            Write-Message "error: installing the .NET SDK $Version into $DotNetDirectory failed (see above)."
            exit 1
        }
    }
    $env:DOTNET_ROOT = $DotNetDirectory
    $env:PATH = "$DotNetDirectory$([IO.Path]::PathSeparator)$env:PATH"
}

# Rebuild only when an input of the build project changed. The hash is build.sh's, byte for byte (sha256sum lines
# "<hash>  <path>" over the inputs in C-locale order, hashed again), and both scripts share the stamp file: switching
# between them does not rebuild.
function Get-Sha256Hex([byte[]]$Bytes) {
    $sha = [Security.Cryptography.SHA256]::Create()
    try { return -join ($sha.ComputeHash($Bytes) | ForEach-Object { $_.ToString("x2") }) } finally { $sha.Dispose() }
}

function Get-BuildInputsHash {
    $root = $ScriptDir.TrimEnd('\', '/')
    $files = @(Get-ChildItem -Path (Join-Path $root "build") -Recurse -Force -File |
        Where-Object { $_.Name -clike "*.cs" -or $_.Name -clike "*.csproj" -or $_.Name -ceq "packages.lock.json" } |
        ForEach-Object { $_.FullName.Substring($root.Length + 1).Replace('\', '/') } |
        Where-Object { $_ -notmatch "/(bin|obj)/" })
    [string[]]$inputs = $files + @("global.json", "Directory.Build.props", "Directory.Packages.props", ".editorconfig")
    [Array]::Sort($inputs, [StringComparer]::Ordinal)
    $lines = New-Object Text.StringBuilder
    foreach ($path in $inputs) {
        $fileHash = Get-Sha256Hex ([IO.File]::ReadAllBytes((Join-Path $root $path)))
        [void]$lines.Append("$fileHash  $path`n")
    }
    return Get-Sha256Hex ([Text.Encoding]::UTF8.GetBytes($lines.ToString()))
}

$InputsHash = Get-BuildInputsHash
$Stamp = if (Test-Path $StampFile) { [IO.File]::ReadAllText($StampFile).Trim() } else { "" }
if (-not (Test-Path $BuildDll) -or $Stamp -ne $InputsHash) {
    New-Item -ItemType Directory -Force -Path $TempDirectory | Out-Null
    Remove-Item $StampFile -ErrorAction SilentlyContinue
    # Quiet when it works; the whole compiler output when it does not.
    $BuildOutput = Invoke-Native { & $DotNetExe build $BuildProject /nodeReuse:false /p:UseSharedCompilation=false -nologo -clp:NoSummary --verbosity quiet 2>&1 }
    if ($LASTEXITCODE -ne 0) {
        $BuildOutput | ForEach-Object { Write-Message "$_" }
        Write-Message "error: the build project did not compile (see above)."
        exit 1
    }
    [IO.File]::WriteAllText($StampFile, "$InputsHash`n")
}

Invoke-Native { & $DotNetExe $BuildDll @BuildArguments }
exit $LASTEXITCODE
