#Requires -Version 7.4
<#
.SYNOPSIS
    The bank's monthly BankInsight run: churn warnings, prospects, cross-selling and product
    opportunities, from this month's exports to the four result files.
.DESCRIPTION
    Reads customer_losing.del, potential_customer.del, potential_customer_relation.del and
    retail_customer.del from -InputFolder; writes customer_losing.txt, customer_potential.txt,
    cross_selling.txt and product_mining.txt to <OutputFolder>/<Month>, with report.html, the
    month's charts and tables on one page; keeps rejected rows verbatim and a log in -LogFolder.
    Next-month churn, when last month's churn export is there (-PreviousChurnFile): judges last
    month's next-month warnings by this month's figures (their realised precision and recall, in
    the log), trains this month's next-month model on last month's features and this month's
    outcomes, checks this month against it for drift (churn_drift.csv, shifts in the log), and
    writes customer_losing_next_month.txt: who is likely to leave by next month, ranked by assets
    at risk. The first month, with no previous export, skips these steps and says so.
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
    [string] $Module = 'BankInsight',      # a module name, or the path of out/BankInsight (from a clone)
    # Last month's churn export: e.g. /data/in/2026-09/customer_losing.del. The default is the file
    # the sample month keeps beside this month's, customer_losing-<previous month>.del.
    [string] $PreviousChurnFile
)

$ErrorActionPreference = 'Stop'
$results = Join-Path $OutputFolder $Month
New-Item -ItemType Directory -Force -Path $results, $LogFolder | Out-Null
$log = Join-Path $LogFolder "bankinsight-$Month.log"
function Write-Log([string] $Text) { "$(Get-Date -Format s) $Text" | Add-Content -Path $log -Encoding utf8 }
function Model([string] $Name) { if ($ModelFolder) { Join-Path $ModelFolder $Name } }
$previousMonth = ([datetime]::ParseExact($Month, 'yyyy-MM', [cultureinfo]::InvariantCulture)).AddMonths(-1).ToString('yyyy-MM')
if (-not $PreviousChurnFile) { $PreviousChurnFile = Join-Path $InputFolder "customer_losing-$previousMonth.del" }
$previousResults = Join-Path $OutputFolder $previousMonth

# Loads one export. Bad rows are logged and kept aside, never a reason to stop; anything else
# (a missing or unreadable file) is, and ends the run with exit code 1.
function Read-Export([string] $Path, [string] $Schema) {
    $File = Split-Path $Path -Leaf
    $data = Import-CustomerData -LiteralPath $Path -Schema $Schema -RejectPath (Join-Path $LogFolder "$Month-$File.rejected.del") `
        -ErrorAction SilentlyContinue -ErrorVariable problems
    $rejected = @($problems | Where-Object FullyQualifiedErrorId -like 'BankInsight.RowRejected*')
    if (-not $data -or $problems.Count -gt $rejected.Count) { throw ($problems | Where-Object { $_ -notin $rejected })[0] }
    $script:rejectedRows += $rejected.Count
    Write-Log "$File`: $($data.RowCount) rows loaded, $($rejected.Count) rejected"
    $data
}

# A step that re-reads a file already read: its rejected rows were logged then; anything else stops the run.
function Assert-OnlyRejectedRows($Problems) {
    $other = @($Problems | Where-Object FullyQualifiedErrorId -notlike 'BankInsight.RowRejected*')
    if ($other) { throw $other[0] }
}

$rejectedRows = 0
try {
    Write-Log "BankInsight monthly run for $Month"
    Import-Module $Module

    # Everything the month's report draws (report.html, at the end).
    $drawn = [System.Collections.Generic.List[object]]::new()

    $churn = Read-Export (Join-Path $InputFolder 'customer_losing.del') CorporateChurn
    $scored = $churn | Invoke-ChurnPrediction -Model (Model 'customer_losing') -Drivers 1 -IncludeAll
    $warnings = $scored | Where-Object IsChurn
    $warnings | Export-BankResult (Join-Path $results 'customer_losing.txt')
    Write-Log "churn: $(@($warnings).Count) customers flagged"
    $drawn.AddRange(@($scored))
    $drawn.Add(($churn | Test-ChurnModel -Model (Model 'customer_losing') -WarningAction SilentlyContinue))
    # The model that writes the list, against the month it learnt from: retrain when it shifts.
    $sameMonthDrift = $churn | Test-ChurnModelDrift -Model (Model 'customer_losing') -WarningAction SilentlyContinue
    $drawn.Add($sameMonthDrift)
    Write-Log ("churn: drift against the model's training month: score PSI {0:F3}; {1} major, {2} moderate feature shifts" -f
        $sameMonthDrift.ScorePsi, $sameMonthDrift.MajorShifts, $sameMonthDrift.ModerateShifts)

    # Next-month churn: warn a month before the money leaves (see about_BankInsight).
    $thisChurnFile = Join-Path $InputFolder 'customer_losing.del'
    if (-not (Test-Path -LiteralPath $PreviousChurnFile)) {
        Write-Log "next-month churn: skipped, no previous month's export at $PreviousChurnFile (the first month)"
    }
    else {
        $previous = Read-Export $PreviousChurnFile CorporateChurn
        # Last month's list, judged now that this month's figures say who left. Rows rejected from
        # this month's file were counted when it was read above; here they only repeat.
        $lastModel = Join-Path $previousResults 'customer_losing_next_month.model'
        $lastList = Join-Path $previousResults 'customer_losing_next_month.txt'
        if ((Test-Path -LiteralPath $lastModel) -and (Test-Path -LiteralPath $lastList)) {
            $judged = $previous | Test-ChurnModelDrift -Model $lastModel -PreviousWarningsPath $lastList -NextMonthPath $thisChurnFile `
                -WarningAction SilentlyContinue -ErrorAction SilentlyContinue -ErrorVariable problems
            Assert-OnlyRejectedRows $problems
            Write-Log ("next-month churn: last month's {0} warnings realised precision {1:0.0%}, recall {2:0.0%} (held out in training: {3:0.0%}, {4:0.0%})" -f
                $judged.Warned, $judged.RealisedPrecision, $judged.RealisedRecall, $judged.TrainingPrecision, $judged.TrainingRecall)
        }
        $modelFile = Join-Path $results 'customer_losing_next_month.model'
        $trained = $previous | New-ChurnModel -NextMonthPath $thisChurnFile -OutFile $modelFile `
            -WarningAction SilentlyContinue -ErrorAction SilentlyContinue -ErrorVariable problems
        Assert-OnlyRejectedRows $problems
        Write-Log ("next-month churn: model trained on {0} and {1}, held-out ROC-AUC {2:F3}" -f $previousMonth, $Month, $trained.RocAuc)

        $drift = $churn | Test-ChurnModelDrift -Model $modelFile -WarningAction SilentlyContinue
        $drift.Features | Export-Csv (Join-Path $results 'churn_drift.csv') -NoTypeInformation -Encoding utf8BOM
        $drawn.Add($drift)
        $shifted = if ($drift.ShiftedFeatures) { ': ' + ($drift.ShiftedFeatures -join ', ') } else { '' }
        Write-Log ("next-month churn: drift against {0}: score PSI {1:F3} ({2}); {3} major, {4} moderate feature shifts{5}" -f
            $previousMonth, $drift.ScorePsi, $(if ("$($drift.ScoreShift)" -eq 'None') { 'stable' } else { $drift.ScoreShift }), $drift.MajorShifts, $drift.ModerateShifts, $shifted)

        $early = $churn | Invoke-ChurnPrediction -Model $modelFile -Drivers 0 -SortBy AssetsAtRisk -WarningAction SilentlyContinue
        $early | Export-BankResult (Join-Path $results 'customer_losing_next_month.txt')
        Write-Log ("next-month churn: {0} customers warned ({1}), {2:N0} in assets at risk; customer_losing_next_month.txt lists them by it" -f
            @($early).Count, @($early)[0].Predicts, ($early | Measure-Object AssetsAtRisk -Sum).Sum)
    }

    $prospects = Read-Export (Join-Path $InputFolder 'potential_customer.del') CorporateProspect
    $relations = Read-Export (Join-Path $InputFolder 'potential_customer_relation.del') ProspectRelation
    $found = $prospects | Find-Prospect -Relation $relations -Model (Model 'customer_potential') -ExpandRelations -RelatedParty All
    $found | Where-Object Source -eq Scored | Export-BankResult (Join-Path $results 'customer_potential.txt')
    Write-Log "prospects: $(@($found | Where-Object Source -eq Scored).Count) in the region, $(@($found | Where-Object Source -eq Related).Count) related parties not yet customers"
    $drawn.AddRange(@($found))

    $retail = Read-Export (Join-Path $InputFolder 'retail_customer.del') Retail
    $rules = $retail | Get-CrossSellRule -PerCluster -Model (Model 'retail_customer')
    $offers = $retail | Get-CrossSellRecommendation -Rule $rules -Model (Model 'retail_customer')
    $offers | Export-BankResult (Join-Path $results 'cross_selling.txt')
    Write-Log "cross-selling: $(@($rules).Count) rules, $(@($offers).Count) offers"
    $drawn.AddRange(@($retail | Get-CustomerCluster -Profile -Model (Model 'retail_customer')))
    $drawn.AddRange(@($rules)); $drawn.AddRange(@($offers))

    $opportunities = $retail | Find-ProductOpportunity
    $opportunities | Export-BankResult (Join-Path $results 'product_mining.txt')
    Write-Log "product mining: $(@($opportunities).Count) opportunities"
    $drawn.AddRange(@($opportunities))

    $drawn | Export-BankReport (Join-Path $results 'report.html') -Title "BankInsight $Month 月度报告 Monthly report"
    Write-Log "report: report.html"
}
catch {
    Write-Log "FAILED: $($_.FullyQualifiedErrorId): $($_.Exception.Message)"
    exit 1
}
Write-Log "done; $rejectedRows rows rejected"
exit $(if ($rejectedRows -gt 0) { 3 } else { 0 })
