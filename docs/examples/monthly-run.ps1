#Requires -Version 7.4
<#
.SYNOPSIS
    The bank's monthly BankInsight run: churn warnings, prospects, cross-selling and product
    opportunities, from this month's exports to the four result files.
.DESCRIPTION
    Reads customer_losing.del, potential_customer.del, potential_customer_relation.del and
    retail_customer.del from -InputFolder; writes customer_losing.txt, customer_potential.txt,
    cross_selling.txt and product_mining.txt to <OutputFolder>/<Month>; keeps rejected rows
    verbatim and a log in -LogFolder.
    Exit codes: 0 all done, every row good; 3 all done, but rows were rejected (see the log and
    the *.rejected.del files); 1 a job could not run (the log says which and why; the previous
    result files are left as they were).
.EXAMPLE
    pwsh -NoProfile -File ./monthly-run.ps1 -InputFolder /data/in/2026-10 -OutputFolder /data/out -Month 2026-10
.EXAMPLE
    dotnet pwsh -NoProfile -File docs/examples/monthly-run.ps1 -InputFolder out/samples -OutputFolder results -Month 2026-11 -Module ./out/BankInsight
    From a clone of the repository after the build, on the sample month.
#>
param(
    [Parameter(Mandatory)] [string] $InputFolder,
    [Parameter(Mandatory)] [string] $OutputFolder,
    [string] $Month = (Get-Date -Format 'yyyy-MM'),
    [string] $LogFolder = (Join-Path $OutputFolder 'log'),
    [string] $ModelFolder,                 # the bank's own models; the shipped ones when omitted
    [string] $Module = 'BankInsight'       # a module name, or the path of out/BankInsight (from a clone)
)

$ErrorActionPreference = 'Stop'
$results = Join-Path $OutputFolder $Month
New-Item -ItemType Directory -Force -Path $results, $LogFolder | Out-Null
$log = Join-Path $LogFolder "bankinsight-$Month.log"
function Write-Log([string] $Text) { "$(Get-Date -Format s) $Text" | Add-Content -Path $log -Encoding utf8 }
function Model([string] $Name) { if ($ModelFolder) { Join-Path $ModelFolder $Name } }

# Loads one export. Bad rows are logged and kept aside, never a reason to stop; anything else
# (a missing or unreadable file) is, and ends the run with exit code 1.
function Read-Export([string] $File, [string] $Schema) {
    $path = Join-Path $InputFolder $File
    $data = Import-CustomerData -LiteralPath $path -Schema $Schema -RejectPath (Join-Path $LogFolder "$Month-$File.rejected.del") `
        -ErrorAction SilentlyContinue -ErrorVariable problems
    $rejected = @($problems | Where-Object FullyQualifiedErrorId -like 'BankInsight.RowRejected*')
    if (-not $data -or $problems.Count -gt $rejected.Count) { throw ($problems | Where-Object { $_ -notin $rejected })[0] }
    $script:rejectedRows += $rejected.Count
    Write-Log "$File`: $($data.RowCount) rows loaded, $($rejected.Count) rejected"
    $data
}

$rejectedRows = 0
try {
    Write-Log "BankInsight monthly run for $Month"
    Import-Module $Module

    $churn = Read-Export 'customer_losing.del' CorporateChurn
    $warnings = $churn | Invoke-ChurnPrediction -Model (Model 'customer_losing') -Drivers 0
    $warnings | Export-BankResult (Join-Path $results 'customer_losing.txt')
    Write-Log "churn: $(@($warnings).Count) customers flagged"

    $prospects = Read-Export 'potential_customer.del' CorporateProspect
    $relations = Read-Export 'potential_customer_relation.del' ProspectRelation
    $found = $prospects | Find-Prospect -Relation $relations -Model (Model 'customer_potential')
    $found | Export-BankResult (Join-Path $results 'customer_potential.txt')
    Write-Log "prospects: $(@($found).Count) in the region"

    $retail = Read-Export 'retail_customer.del' Retail
    $rules = $retail | Get-CrossSellRule -PerCluster -Model (Model 'retail_customer')
    $retail | Get-CrossSellRecommendation -Rule $rules -Model (Model 'retail_customer') |
        Export-BankResult (Join-Path $results 'cross_selling.txt')
    Write-Log "cross-selling: $(@($rules).Count) rules"

    $opportunities = $retail | Find-ProductOpportunity
    $opportunities | Export-BankResult (Join-Path $results 'product_mining.txt')
    Write-Log "product mining: $(@($opportunities).Count) opportunities"
}
catch {
    Write-Log "FAILED: $($_.FullyQualifiedErrorId): $($_.Exception.Message)"
    exit 1
}
Write-Log "done; $rejectedRows rows rejected"
exit $(if ($rejectedRows -gt 0) { 3 } else { 0 })
