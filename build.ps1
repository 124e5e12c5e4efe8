#Requires -Version 7.4
<#
.SYNOPSIS
    Builds, tests and packages BankInsight.
.DESCRIPTION
    A thin front end over the same dotnet steps as .ci/run, so the two cannot drift.
      Build    dotnet build: the module in out/BankInsight, the runner in out/cli, samples in out/samples
      Test     dotnet test on the solution (xunit; builds out/ too), then every Pester test
               (tests/*.Tests.ps1) in a fresh pwsh 7.6.9 from the local tool manifest, with Pester
               restored from NuGet (tools/pester); fails unless every test ran and passed
      Pester   only the Pester tests (expects a built out/BankInsight)
      Package  a versioned module folder and .nupkg in artifacts/ that Install-Module/Save-Module users recognise
.EXAMPLE
    ./build.ps1                      # Build, then Test
.EXAMPLE
    ./build.ps1 -Task Package -Configuration Release
.EXAMPLE
    dotnet tool restore; dotnet pwsh -NoProfile -File ./build.ps1 -Task Test   # on a machine with only the .NET SDK
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Pester', 'Package')]
    [string[]] $Task = @('Build', 'Test'),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Package: where the module folder and the feed with the .nupkg go.
    [string] $ArtifactsPath = (Join-Path $PSScriptRoot 'artifacts'),

    # Package: take the module as built in out/BankInsight instead of building first (as dotnet's
    # --no-build); what the package test uses, since its own pwsh has that module loaded.
    [switch] $NoBuild
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
    if ($Configuration -ne 'Release') {
        throw "The Pester tests import the Release module in out/BankInsight; run them with -Configuration Release."
    }
    if (-not (Test-Path (Join-Path $moduleOut 'BankInsight.psd1'))) {
        throw "No built module in $moduleOut; run ./build.ps1 -Task Build (or Test) first."
    }
    # Pester comes from NuGet (PSGallery is unreachable here, and CI machines have only the SDK):
    # restoring the restore-only project puts it in the NuGet cache; MSBuild says where.
    $restoreProject = Join-Path $root 'tools' 'pester' 'Pester.Restore.csproj'
    Invoke-Dotnet restore $restoreProject --verbosity quiet
    $properties = (& dotnet msbuild $restoreProject -getProperty:NuGetPackageRoot -getProperty:PesterVersion | ConvertFrom-Json).Properties
    $pester = Join-Path $properties.NuGetPackageRoot 'pester' $properties.PesterVersion 'tools' 'Pester.psd1'
    if (-not (Test-Path $pester)) { throw "Pester $($properties.PesterVersion) was restored, but $pester is missing." }

    # A fresh pwsh, the local tool of .config/dotnet-tools.json: a binary module loaded into this
    # session could not be reloaded, and CI has no other pwsh.
    Invoke-Dotnet tool restore --verbosity quiet
    Push-Location $root
    try {
        & dotnet tool run pwsh -- -NoProfile -NonInteractive -File (Join-Path $root 'tools' 'run-pester.ps1') `
            -PesterModule $pester -TestPath (Join-Path $root 'tests') -ResultPath (Join-Path $root 'out' 'pester-results.xml')
        if ($LASTEXITCODE -ne 0) { throw "Pester reported failures (exit code $LASTEXITCODE)." }
    }
    finally { Pop-Location }
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
            if (-not $NoBuild) { Invoke-Dotnet build $solution -c $Configuration }
            $manifest = Import-PowerShellDataFile (Join-Path $moduleOut 'BankInsight.psd1')
            $version = $manifest.ModuleVersion
            $artifacts = $ArtifactsPath
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
