#Requires -Version 7.4
# An analyst's first hour with BankInsight, on the sample files the build makes. Paste it line by
# line from the repository root, or run it: ./docs/examples/analyst-tour.ps1
param(
    [string] $Samples = './out/samples',
    [string] $Module = './out/BankInsight',
    [string] $Output = './tour'
)
Import-Module $Module
New-Item -ItemType Directory -Force $Output | Out-Null

# What is in a file, and what the bank's column dictionary says about it
$churn = Import-CustomerData "$Samples/customer_losing.del" -Schema CorporateChurn
$churn.Summary
Get-BankSchema CorporateChurn -Column *存款* | Format-Table Name, Type

# This month's churn warnings, riskiest first, with what drives each one
$warnings = Invoke-ChurnPrediction -InputObject $churn
$warnings | Sort-Object Probability -Descending | Select-Object -First 10 | Format-Table
$warnings | Group-Object RiskBand -NoElement | Sort-Object Name
$warnings | Export-Csv "$Output/warnings.csv" -Encoding utf8BOM -NoTypeInformation
if (Get-Command Export-Excel -ErrorAction Ignore) {
    $warnings | Export-Excel "$Output/warnings.xlsx" -NoNumberConversion * -AutoSize -FreezeTopRow
}

# A handful of companies pasted into a CSV with the bank's column names, scored ad hoc
$header = ((Get-BankSchema CorporateChurn).Columns.Name | ForEach-Object { "`"$_`"" }) -join ','
@($header) + (Get-Content "$Samples/customer_losing.del" -TotalCount 20) | Set-Content "$Output/few.csv" -Encoding utf8
Import-Csv "$Output/few.csv" | Invoke-ChurnPrediction -IncludeAll -Drivers 1 | Format-Table

# Prospects in Guangdong, and their related companies that do not bank with us yet (-RelatedParty Person: the persons)
$prospects = Find-Prospect "$Samples/potential_customer.del" "$Samples/potential_customer_relation.del" -ExpandRelations
$prospects | Sort-Object Score -Descending | Select-Object -First 20 | Format-Table
# Names and addresses were typed by people: one starting with = would run as a formula in Excel
$prospects | Protect-SpreadsheetText | Export-Csv "$Output/prospects.csv" -Encoding utf8BOM -NoTypeInformation

# Retail: who the segments are, which products go together, what to offer whom
Get-CustomerCluster "$Samples/retail_customer.del" -Profile | Format-Table
Get-CustomerCluster "$Samples/retail_customer.del" -Profile | Export-Csv "$Output/segments.csv" -Encoding utf8BOM -NoTypeInformation
$rules = Get-CrossSellRule "$Samples/retail_customer.del" -PerCluster
$rules | Sort-Object Lift -Descending | Select-Object -First 10 | Format-Table
$rules | Where-Object Confidence -ge 0.5 | Get-CrossSellRecommendation "$Samples/retail_customer.del" -Top 2 |
    Export-Csv "$Output/recommendations.csv" -Encoding utf8BOM -NoTypeInformation
Find-ProductOpportunity "$Samples/retail_customer.del" -Product Insurance -Top 100 |
    Export-Csv "$Output/insurance.csv" -Encoding utf8BOM -NoTypeInformation

# The month in pictures: one page to open in a browser, and the charts one by one for slides
$segments = Get-CustomerCluster "$Samples/retail_customer.del" -Profile
@($warnings; Test-ChurnModel -InputObject $churn; Test-ChurnModelDrift -InputObject $churn; $prospects; $segments; $rules
  Find-ProductOpportunity "$Samples/retail_customer.del") | Export-BankReport "$Output/report.html" -WarningAction SilentlyContinue
New-Item -ItemType Directory -Force "$Output/charts" | Out-Null
$segments | Save-BankChart "$Output/charts" -Name retail-segment-profile
