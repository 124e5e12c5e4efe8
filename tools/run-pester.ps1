#Requires -Version 7.4
<#
.SYNOPSIS
    Runs every tests/*.Tests.ps1 against the built module and fails unless every test ran and passed.
.DESCRIPTION
    build.ps1 starts this in a fresh pwsh (a binary module loaded once cannot be reloaded), with the
    Pester module restored from NuGet by tools/pester/Pester.Restore.csproj. A green Pester summary
    is not enough: a file that fails during discovery, or a test that is skipped or filtered out,
    would shrink the run without failing it. So the run must also have at least as many tests as
    the files declare It blocks (data-driven It blocks count once in the files and once per case
    in the run), with none skipped, not run or inconclusive.
    Exit code 0 when all of that holds, 1 otherwise.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $PesterModule,
    [Parameter(Mandatory)] [string] $TestPath,
    [string] $ResultPath
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

# Tests start child PowerShell processes with $PSHOME's pwsh; when this pwsh runs as a .NET tool,
# that apphost needs to know where the runtime is (the dotnet that started us).
if (-not $env:DOTNET_ROOT -and [IO.Path]::GetFileNameWithoutExtension([Environment]::ProcessPath) -eq 'dotnet') {
    $env:DOTNET_ROOT = Split-Path ([Environment]::ProcessPath)
}

Import-Module $PesterModule -Force
$files = @(Get-ChildItem $TestPath -Filter '*.Tests.ps1' -File)
if ($files.Count -eq 0) { Write-Error "No *.Tests.ps1 files under $TestPath."; exit 1 }

$declared = 0
foreach ($file in $files) {
    $ast = [System.Management.Automation.Language.Parser]::ParseFile($file.FullName, [ref] $null, [ref] $null)
    $declared += @($ast.FindAll({
                param($node)
                $node -is [System.Management.Automation.Language.CommandAst] -and $node.GetCommandName() -eq 'It'
            }, $true)).Count
}

$configuration = New-PesterConfiguration
$configuration.Run.Path = @($files.FullName)
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Normal'
if ($ResultPath) {
    $configuration.TestResult.Enabled = $true
    $configuration.TestResult.OutputFormat = 'NUnitXml'
    $configuration.TestResult.OutputPath = $ResultPath
}
$result = Invoke-Pester -Configuration $configuration

$problems = [System.Collections.Generic.List[string]]::new()
if ($result.FailedCount -gt 0) { $problems.Add("$($result.FailedCount) test(s) failed") }
if ($result.FailedContainersCount -gt 0) { $problems.Add("$($result.FailedContainersCount) file(s) failed before their tests could run: $(@($result.FailedContainers.Item) -join ', ')") }
if ($result.FailedBlocksCount -gt 0) { $problems.Add("$($result.FailedBlocksCount) BeforeAll/AfterAll block(s) failed") }
if ($result.SkippedCount -gt 0) { $problems.Add("$($result.SkippedCount) test(s) skipped") }
if ($result.NotRunCount -gt 0) { $problems.Add("$($result.NotRunCount) test(s) not run") }
if ($result.InconclusiveCount -gt 0) { $problems.Add("$($result.InconclusiveCount) test(s) inconclusive") }
if ($result.TotalCount -lt $declared) { $problems.Add("only $($result.TotalCount) test(s) ran, but the files declare $declared It blocks") }

"== Pester $((Get-Module Pester).Version) on pwsh $($PSVersionTable.PSVersion): $($files.Count) files, $declared It blocks, " +
"$($result.TotalCount) tests: $($result.PassedCount) passed, $($result.FailedCount) failed, $($result.SkippedCount) skipped, $($result.NotRunCount) not run"
if ($problems.Count -gt 0) {
    "== Pester FAILED: $($problems -join '; ')"
    exit 1
}
exit 0
