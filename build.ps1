#Requires -Version 7.4
<#
.SYNOPSIS
    Builds, tests and packages BankInsight.
.DESCRIPTION
    A thin front end over the same dotnet steps as .ci/run, so the two cannot drift.
      Build    dotnet build: the module in out/BankInsight, the runner in out/cli, samples in out/samples
      Test     dotnet test on the solution, then the Pester tests (tests/*.Tests.ps1) in a fresh pwsh
      Pester   only the Pester tests (expects a built out/BankInsight)
      Package  a versioned module folder and .nupkg in artifacts/ that Install-Module/Save-Module users recognise
.EXAMPLE
    ./build.ps1                      # Build, then Test
.EXAMPLE
    ./build.ps1 -Task Package -Configuration Release
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Pester', 'Package')]
    [string[]] $Task = @('Build', 'Test'),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$root = $PSScriptRoot
$solution = Join-Path $root 'BankInsight.sln'
$moduleOut = Join-Path $root 'out' 'BankInsight'

function Invoke-Dotnet {
    & dotnet @args
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE" }
}

function Invoke-PesterTests {
    # A fresh pwsh: a binary module loaded into this session could not be reloaded.
    $script = @'
$ErrorActionPreference = 'Stop'
if (-not (Get-Module -ListAvailable Pester | Where-Object Version -ge '5.0.0')) {
    Install-Module Pester -MinimumVersion 5.0.0 -Scope CurrentUser -Force -SkipPublisherCheck
}
Import-Module Pester -MinimumVersion 5.0.0
$configuration = New-PesterConfiguration
$configuration.Run.Path = '{0}'
$configuration.Run.Exit = $true
$configuration.Filter.Tag = 'CI'
$configuration.Output.Verbosity = 'Detailed'
$configuration.TestResult.Enabled = $true
$configuration.TestResult.OutputPath = '{1}'
Invoke-Pester -Configuration $configuration
'@ -f (Join-Path $root 'tests'), (Join-Path $root 'out' 'pester-results.xml')
    & pwsh -NoProfile -NonInteractive -Command $script
    if ($LASTEXITCODE -ne 0) { throw "Pester reported failures (exit code $LASTEXITCODE)" }
}

foreach ($step in $Task) {
    Write-Host "== $step ($Configuration)" -ForegroundColor Cyan
    switch ($step) {
        'Build' {
            Invoke-Dotnet build $solution -c $Configuration
        }
        'Test' {
            Invoke-Dotnet test $solution -c $Configuration
            Invoke-PesterTests
        }
        'Pester' {
            Invoke-PesterTests
        }
        'Package' {
            Invoke-Dotnet build $solution -c $Configuration
            $manifest = Import-PowerShellDataFile (Join-Path $moduleOut 'BankInsight.psd1')
            $version = $manifest.ModuleVersion
            $artifacts = Join-Path $root 'artifacts'
            $folder = Join-Path $artifacts 'BankInsight' $version
            if (Test-Path $folder) { Remove-Item $folder -Recurse -Force }
            New-Item $folder -ItemType Directory -Force | Out-Null
            Copy-Item (Join-Path $moduleOut '*') $folder -Recurse
            # A local PSResource repository turns the folder into the .nupkg PowerShellGet installs.
            $repository = 'BankInsightLocalBuild'
            $feed = Join-Path $artifacts 'feed'
            New-Item $feed -ItemType Directory -Force | Out-Null
            if (Get-Command Publish-PSResource -ErrorAction SilentlyContinue) {
                Register-PSResourceRepository -Name $repository -Uri $feed -Trusted -ErrorAction SilentlyContinue
                try { Publish-PSResource -Path $folder -Repository $repository -SkipDependenciesCheck }
                finally { Unregister-PSResourceRepository -Name $repository }
            }
            else {
                Register-PSRepository -Name $repository -SourceLocation $feed -PublishLocation $feed -InstallationPolicy Trusted
                try { Publish-Module -Path $folder -Repository $repository }
                finally { Unregister-PSRepository -Name $repository }
            }
            Write-Host "Module folder: $folder"
            Write-Host "Package:       $(Get-ChildItem $feed -Filter "BankInsight.$version.nupkg" | Select-Object -ExpandProperty FullName)"
        }
    }
}
