#Requires -Version 7.4
# Test-ChurnModelDrift as a monthly script and an analyst use it: objects, views, CSV, errors, and
# the runner's churn monitor --json as the same object.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '..' 'out' 'BankInsight' 'BankInsight.psd1') -Force
    $cli = Join-Path $PSScriptRoot '..' 'out' 'cli' 'bankinsight.dll'
    $month = Join-Path $TestDrive 'churn-2026-10.del'
    $null = New-SyntheticCustomerData CorporateChurn 3000 -Seed 21 -AsOf 2026-10-31 -Path $month
    # The same month as a changed export would bring it: deposits tripled, 员工人数 no longer filled.
    $rows = Import-CustomerData $month -Schema CorporateChurn -AsRecord | ForEach-Object {
        $_.本月日均存款余额 = 3 * $_.本月日均存款余额
        $_.活期存款月日均 = 3 * $_.活期存款月日均
        $_.员工人数 = $null
        $_
    }
    $report = $rows | Test-ChurnModelDrift -WarningVariable driftWarnings -WarningAction SilentlyContinue
    $warnings = Join-Path $TestDrive 'warnings.txt'
    Invoke-ChurnPrediction $month -Drivers 0 | Export-BankResult $warnings
    $judged = Test-ChurnModelDrift $month -PreviousWarningsPath $warnings -WarningAction SilentlyContinue
    $old = Join-Path $TestDrive 'old.model'
    # The shipped model as written before profiles: the [profile] section gone, the checksum recomputed.
    $shipped = (Get-Content (Join-Path $PSScriptRoot '..' 'out' 'BankInsight' 'models' 'customer_losing') -Raw) -replace "`r`n", "`n"
    $body = $shipped.Substring(0, $shipped.IndexOf("`n[profile]`n") + 1)
    $sum = [Convert]::ToHexString([Security.Cryptography.SHA256]::HashData([Text.Encoding]::UTF8.GetBytes($body))).ToLowerInvariant()
    [IO.File]::WriteAllText($old, $body + "checksum=sha256:$sum`n")
}

Describe 'Test-ChurnModelDrift' -Tag 'CI' {
    It 'flags the changed columns Major and leaves every other feature None' {
        $report.GetType().FullName | Should -Be 'BankInsight.Results.ModelDriftReport'
        $major = @($report.Features | Where-Object Shift -eq 'Major' | ForEach-Object Feature | Sort-Object)
        $major | Should -Be (@('员工人数', '本月日均存款余额', '活期存款月日均') | Sort-Object)
        @($report.Features | Where-Object Shift -eq 'Moderate').Count | Should -Be 0
        $report.MajorShifts | Should -Be 3
        $report.Features[0].Feature | Should -Be '员工人数'
        $report.Features[0].MissingShare | Should -Be 1
        $report.ShiftedFeatures | Should -Be @($report.Features[0..2].Feature)
        $driftWarnings | Where-Object { $_ -like 'Major shift (PSI ≥ 0.25)*员工人数*' } | Should -Not -BeNullOrEmpty
    }

    It 'emits one row per feature with -PerFeature, highest PSI first' {
        $features = @(Test-ChurnModelDrift $month -PerFeature)
        $features[0].GetType().FullName | Should -Be 'BankInsight.Results.FeatureDrift'
        $features.Count | Should -Be 81
        ($features.Psi | Sort-Object -Descending) | Should -Be $features.Psi
        $features.Shift | Sort-Object -Unique | Should -Be 'None'
        $features[0].Data | Should -Be $month
    }

    It 'reports what last month''s warnings realised' {
        $judged.Warned | Should -Be (Get-Content $warnings).Count
        $judged.WarnedNotInData | Should -Be 0
        $judged.RealisedPrecision | Should -BeGreaterThan 0.6
        $judged.RealisedRecall | Should -BeGreaterThan 0.6
        $check = Test-ChurnModel $month -WarningAction SilentlyContinue
        $judged.RealisedPrecision | Should -Be $check.Precision
        $judged.RealisedRecall | Should -Be $check.Recall
        $judged.OutcomesFrom | Should -Be $month
    }

    It 'exports to CSV with no cell holding a type name, lists as text' {
        $csv = Join-Path $TestDrive 'drift.csv'
        $report, $judged | Export-Csv $csv -NoTypeInformation -Encoding utf8BOM
        $cells = Import-Csv $csv
        foreach ($property in $cells[0].PSObject.Properties) { $property.Value | Should -Not -Match '^(System|BankInsight)\.' }
        $cells[0].ShiftedFeatures | Should -Be ($report.ShiftedFeatures -join ';')
        $cells[0].Features | Should -BeLike '员工人数 PSI *(Major);*'
        $cells[1].RealisedPrecision | Should -Not -BeNullOrEmpty
        $rowsCsv = Join-Path $TestDrive 'features.csv'
        $report.Features | Export-Csv $rowsCsv -NoTypeInformation
        (Import-Csv $rowsCsv)[0].Shift | Should -Be 'Major'
        (Import-Csv $rowsCsv).Count | Should -Be 81
    }

    It 'shows views whose labels are property names' {
        $table = ($report | Format-Table | Out-String -Width 200) -split "`n" | Where-Object { $_.Trim() } | Select-Object -First 1
        $table.Trim() -split '\s+' | Should -Be @('Data', 'ScorePsi', 'ScoreShift', 'MajorShifts', 'ModerateShifts', 'RealisedPrecision', 'RealisedRecall')
        $rowTable = ($report.Features | Select-Object -First 3 | Format-Table | Out-String -Width 200) -split "`n" | Where-Object { $_.Trim() } | Select-Object -First 1
        $rowTable.Trim() -split '\s+' | Should -Be @('Psi', 'Shift', 'TrainingMissingShare', 'MissingShare', 'Feature')
        $list = $judged | Format-List | Out-String -Width 200
        $list | Should -Match 'RealisedPrecision\s+: 0\.\d{3}'
        $list | Should -Match 'Features\s+: .+ PSI '
        ($report.Features[0] | Format-List | Out-String) | Should -Match 'MissingShareChange\s+: \+9\d\.\d%'
    }

    It 'refuses a model written before training profiles, asking for a retrained one' {
        $failure = { Test-ChurnModelDrift $month -Model $old } | Should -Throw -PassThru
        $failure.FullyQualifiedErrorId | Should -Be 'BankInsight.ModelKindMismatch,BankInsight.PowerShell.Commands.TestChurnModelDriftCommand'
        $failure.Exception.Message | Should -BeLike '*has no training profile*retrain it*'
        $failure.CategoryInfo.Category | Should -Be 'InvalidArgument'
        # The same model still predicts, and the same customers.
        (Invoke-ChurnPrediction $month -Model $old -Drivers 0).CustomerId | Should -Be (Invoke-ChurnPrediction $month -Drivers 0).CustomerId
    }

    It 'refuses outcome files that do not fit: <Case>' -TestCases @(
        @{ Case = 'next month without a warning list'; Arguments = @{ NextMonthPath = 'drifted' }; Id = 'BankInsight.ParameterInvalid'; Message = '*give the warning list too (-PreviousWarningsPath*' }
        @{ Case = 'a same-month model given a next month'; Arguments = @{ PreviousWarningsPath = 'warnings'; NextMonthPath = 'drifted' }; Id = 'BankInsight.ParameterInvalid'; Message = '*predicts churn within the month it scores*' }
        @{ Case = 'a warning list that does not exist'; Arguments = @{ PreviousWarningsPath = 'missing' }; Id = 'BankInsight.FileNotFound'; Message = '*' }
        @{ Case = 'the data file as the warning list'; Arguments = @{ PreviousWarningsPath = 'month' }; Id = 'BankInsight.FileLayoutInvalid'; Message = '*line 1: it has 69 fields*' }
    ) {
        $files = @{ drifted = $month; warnings = $warnings; missing = (Join-Path $TestDrive 'none.txt'); month = $month }
        $bound = @{}
        foreach ($key in $Arguments.Keys) { $bound[$key] = $files[$Arguments[$key]] }
        { Test-ChurnModelDrift $month @bound -WarningAction SilentlyContinue } | Should -Throw -ErrorId "$Id,BankInsight.PowerShell.Commands.TestChurnModelDriftCommand" -ExpectedMessage $Message
    }

    It 'the runner''s churn monitor --json is the same object, in camelCase' {
        $json = dotnet $cli churn monitor --input_data_path $month --previous_warnings $warnings --json 2>$null | ConvertFrom-Json
        $LASTEXITCODE | Should -Be 0
        $json.PSObject.Properties.Name | Should -BeExactly ($judged.PSObject.Properties.Name | ForEach-Object { $_.Substring(0, 1).ToLowerInvariant() + $_.Substring(1) })
        $json.scorePsi | Should -Be $judged.ScorePsi
        $json.realisedPrecision | Should -Be $judged.RealisedPrecision
        $json.features[0].psi | Should -Be $judged.Features[0].Psi
        $json.features[0].shift | Should -Be ([string]$judged.Features[0].Shift)
    }
}
