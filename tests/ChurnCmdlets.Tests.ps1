#Requires -Version 7.4
# New-ChurnModel, Test-ChurnModel and Invoke-ChurnPrediction as an analyst and a monthly script use them.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '..' 'out' 'BankInsight' 'BankInsight.psd1') -Force
    $september = Join-Path $TestDrive 'september.del'
    $october = Join-Path $TestDrive 'october.del'
    $null = New-SyntheticCustomerData CorporateChurn 5000 -Seed 1 -AsOf 2026-09-30 -Path $september
    $null = New-SyntheticCustomerData CorporateChurn 3000 -Seed 2 -AsOf 2026-10-31 -Path $october
    $trained = New-ChurnModel $september -OutFile (Join-Path $TestDrive 'churn.model')
}

Describe 'New-ChurnModel' -Tag 'CI' {
    It 'trains, saves and reports held-out metrics' {
        $trained.GetType().FullName | Should -Be 'BankInsight.Results.ModelTrainingResult'
        $trained.RocAuc | Should -BeGreaterOrEqual 0.85
        Test-Path $trained.Path | Should -BeTrue
        $trained.TopFeatures | Should -Not -BeNullOrEmpty
    }

    It 'writes no file with -WhatIf' {
        $path = Join-Path $TestDrive 'whatif.model'
        $null = New-ChurnModel $september -OutFile $path -WhatIf
        Test-Path $path | Should -BeFalse
    }

    It 'trains logistic regression from a piped data set' {
        (Import-CustomerData $september -Schema CorporateChurn | New-ChurnModel -Algorithm LogisticRegression).Algorithm | Should -Be 'logistic'
    }

    It 'explains why it cannot train on too little data' {
        $sample = Join-Path $PSScriptRoot 'BankInsight.Core.Tests' 'TestData' 'reference' 'customer_losing.del'
        { New-ChurnModel $sample -MaxRejectedShare 1 -ErrorAction SilentlyContinue } | Should -Throw -ErrorId 'BankInsight.TrainingDataInvalid,BankInsight.PowerShell.Commands.NewChurnModelCommand'
    }
}

Describe 'Test-ChurnModel' -Tag 'CI' {
    It 'evaluates a model on a later month' -TestCases @(
        @{ Kind = 'training result' }
        @{ Kind = 'path' }
    ) {
        $model = if ($Kind -eq 'path') { $trained.Path } else { $trained }
        $evaluation = Test-ChurnModel $october -Model $model
        $evaluation.GetType().FullName | Should -Be 'BankInsight.Results.ClassifierEvaluation'
        $evaluation.RocAuc | Should -BeGreaterOrEqual 0.85
        $evaluation.Rows + $evaluation.UnlabelledRows | Should -Be 3000
    }

    It 'refuses a prospect model' {
        $prospect = Join-Path $PSScriptRoot '..' 'out' 'BankInsight' 'models' 'customer_potential'
        { Test-ChurnModel $october -Model $prospect } | Should -Throw -ErrorId 'BankInsight.ModelKindMismatch,BankInsight.PowerShell.Commands.TestChurnModelCommand'
    }
}

Describe 'Invoke-ChurnPrediction' -Tag 'CI' {
    It 'emits predicted churners with drivers using the shipped model' {
        $warnings = Invoke-ChurnPrediction $october
        $warnings | Should -Not -BeNullOrEmpty
        $warnings | ForEach-Object { $_.IsChurn | Should -BeTrue }
        $warnings[0].Drivers | Should -Not -BeNullOrEmpty
        $warnings[0].RiskBand | Should -BeIn @('Medium', 'High')
    }

    It 'scores everyone with -IncludeAll' {
        (Invoke-ChurnPrediction $october -Model $trained -IncludeAll -Drivers 0).Count | Should -Be 3000
    }

    It 'composes with Export-BankResult and Export-Csv' {
        $txt = Join-Path $TestDrive 'customer_losing.txt'
        $csv = Join-Path $TestDrive 'warnings.csv'
        $warnings = Import-CustomerData $october -Schema CorporateChurn | Invoke-ChurnPrediction -Model $trained
        $warnings | Export-BankResult $txt
        $warnings | Export-Csv $csv -NoTypeInformation -Encoding utf8BOM
        (Get-Content $txt).Count | Should -Be $warnings.Count
        (Get-Content $txt)[0] | Should -Match '^"\d{15}"$'
        (Import-Csv $csv)[0].CustomerId | Should -Be $warnings[0].CustomerId
    }

    It 'refuses the old sample, whose ids collapsed, and leaves last month''s file' {
        # 178 of its 188 rows repeat the float id 210090000000000.0.
        $sample = Join-Path $PSScriptRoot 'BankInsight.Core.Tests' 'TestData' 'reference' 'customer_losing.del'
        $file = Join-Path $TestDrive 'customer_losing.txt'
        Set-Content $file 'last month' -NoNewline
        $failure = { Invoke-ChurnPrediction $sample -ErrorAction SilentlyContinue -WarningAction SilentlyContinue | Export-BankResult $file } | Should -Throw -PassThru
        $failure.FullyQualifiedErrorId | Should -Be 'BankInsight.TooManyRowsRejected,BankInsight.PowerShell.Commands.InvokeChurnPredictionCommand'
        $failure.Exception.Message | Should -Match '178 of 188 rows .* \(94\.7%\), more than the 50% a job accepts'
        $failure.TargetObject | Should -Be $sample
        Get-Content $file -Raw | Should -Be 'last month'
    }

    It 'scores what is left of the old sample when told to accept its rejections' {
        $sample = Join-Path $PSScriptRoot 'BankInsight.Core.Tests' 'TestData' 'reference' 'customer_losing.del'
        $result = Invoke-ChurnPrediction $sample -IncludeAll -MaxRejectedShare 1 -ErrorVariable rejected -ErrorAction SilentlyContinue -WarningVariable warned -WarningAction SilentlyContinue
        $result.Count | Should -Be 10
        $rejected.Count | Should -Be 178
        $warned | Should -Not -BeNullOrEmpty
    }
}

Describe 'Next-month churn' -Tag 'CI' {
    BeforeAll {
        # Three months of the same companies (the monthly story): churn-2026-08.del … churn-2026-10.del.
        $months = @(New-SyntheticCustomerData CorporateChurn 2000 -Seed 7 -Months 3 -Path (Join-Path $TestDrive 'churn.del')).FullName
        $nextModel = Join-Path $TestDrive 'next.model'
        $next = New-ChurnModel $months[1] -NextMonthPath $months[2] -HistoryPath $months[0] -OutFile $nextModel
        $cli = Join-Path $PSScriptRoot '..' 'out' 'cli' 'bankinsight.dll'
    }

    It 'New-ChurnModel -NextMonthPath trains a model that says what it predicts' {
        $next.Model.Settings['label_mode'] | Should -Be 'next_month'
        $next.Model.Settings['history_months'] | Should -Be '1'
        $next.Model.Classifier.FeatureNames | Should -Contain '金融资产月日均/近三个月金融资产月日均'
        $next.Model.Classifier.FeatureNames | Should -Contain '金融资产月日均:change_1m'
    }

    It 'refuses months given out of order, naming them' {
        { New-ChurnModel $months[2] -NextMonthPath $months[1] } | Should -Throw -ErrorId 'BankInsight.ParameterInvalid,*' -ExpectedMessage '*describes 2026-09, not a month after*(2026-10): were the files given in the wrong order?'
    }

    It 'refuses -OutFile naming one of the months' {
        { New-ChurnModel $months[1] -NextMonthPath $months[2] -OutFile $months[2] } | Should -Throw -ErrorId 'BankInsight.ParameterInvalid,*' -ExpectedMessage '*-NextMonthPath and -OutFile name the same file*'
        (Get-Content $months[2] -TotalCount 1) | Should -Match '^"21'
    }

    It 'Test-ChurnModel needs the following month for a next-month model, and reports lift and calibration' {
        { Test-ChurnModel $months[2] -Model $nextModel } | Should -Throw -ErrorId 'BankInsight.ParameterInvalid,*' -ExpectedMessage '*predicts next month''s churn: give the month after*'
        $check = Test-ChurnModel $months[1] -Model $nextModel -NextMonthPath $months[2] -HistoryPath $months[0]
        $check.Predicts | Should -BeLike 'churn by 2026-10 (labels from *churn-2026-10.del)'
        $check.LiftTop10 | Should -BeGreaterThan 1
        @($check.Calibration).Count | Should -BeGreaterThan 1
        ($check.Calibration | Measure-Object Count -Sum).Sum | Should -Be $check.Rows
        ($check | Format-List | Out-String) | Should -Match 'LiftTop10'
    }

    It 'the runner''s evaluate --json is the same object, in camelCase' {
        $json = dotnet $cli churn evaluate --input_data_path $months[1] --next_month_path $months[2] --history_path $months[0] --model $nextModel --json | ConvertFrom-Json
        $LASTEXITCODE | Should -Be 0
        $check = Test-ChurnModel $months[1] -Model $nextModel -NextMonthPath $months[2] -HistoryPath $months[0]
        $json.rocAuc | Should -Be $check.RocAuc
        $json.liftTop10 | Should -Be $check.LiftTop10
        $json.PSObject.Properties.Name | Should -BeExactly ($check.PSObject.Properties.Name | ForEach-Object { $_.Substring(0, 1).ToLowerInvariant() + $_.Substring(1) })
    }

    It 'Invoke-ChurnPrediction -SortBy AssetsAtRisk ranks the warning list, each warning saying what it predicts' {
        $ranked = @(Invoke-ChurnPrediction $months[2] -Model $nextModel -HistoryPath $months[1] -Drivers 0 -SortBy AssetsAtRisk)
        $ranked.Count | Should -BeGreaterThan 10
        $risks = $ranked.AssetsAtRisk | Where-Object { $null -ne $_ }
        ($risks -join ',') | Should -Be (($risks | Sort-Object -Descending) -join ',')
        $ranked[0].Predicts | Should -Be 'churn by 2026-11'
        $ranked[0].AssetsAtRisk | Should -Be ([math]::Round($ranked[0].Probability * $ranked[0].Assets, 2))
        ($ranked[0] | Format-Table | Out-String) | Should -Match 'AssetsAtRisk'
    }

    It 'the shipped next-month model is named, in PowerShell and the runner; a file of that name here wins' {
        $sample = Join-Path $PSScriptRoot '..' 'out' 'samples' 'customer_losing.del'
        $named = @(Invoke-ChurnPrediction $sample -Model customer_losing_next_month -Drivers 0 -WarningVariable held -WarningAction SilentlyContinue)
        $named.Count | Should -BeGreaterThan 100
        $named[0].Predicts | Should -Be 'churn by 2026-12'
        $named.AlreadyChurned | Should -Not -Contain $true
        $held | Should -BeLike '* scored above the threshold are already over the churn line this month*'
        $all = @(Invoke-ChurnPrediction $sample -Model customer_losing_next_month -Drivers 0 -IncludeAll -WarningAction SilentlyContinue)
        @($all | Where-Object AlreadyChurned | Where-Object IsChurn).Count | Should -Be 0
        @($all | Where-Object IsChurn).CustomerId | Should -Be $named.CustomerId
        $list = Join-Path $TestDrive 'named-cli.txt'
        dotnet $cli churn predict --input_data_path $sample --model customer_losing_next_month --output_data_path $list 2>$null | Out-Null
        $LASTEXITCODE | Should -Be 0
        Get-Content $list | Should -Be ($named | ForEach-Object { '"' + $_.CustomerId + '"' })
        Push-Location $TestDrive
        try {
            Copy-Item $nextModel (Join-Path $TestDrive 'customer_losing_next_month')
            (Invoke-ChurnPrediction $months[2] -Model customer_losing_next_month -HistoryPath $months[1] -Drivers 0 | Select-Object -First 1).Predicts | Should -Be 'churn by 2026-11'
        }
        finally { Pop-Location }
    }

    It 'the shipped same-month model still writes the same warning list' {
        $list = Join-Path $TestDrive 'same.txt'
        Invoke-ChurnPrediction $october -Drivers 0 | Export-BankResult $list
        dotnet $cli churn predict --input_data_path $october --output_data_path (Join-Path $TestDrive 'same-cli.txt') | Out-Null
        Get-Content $list | Should -Be (Get-Content (Join-Path $TestDrive 'same-cli.txt'))
        (Invoke-ChurnPrediction $october -Drivers 0 | Select-Object -First 1).Predicts | Should -Be 'churn in 2026-10'
    }
}

Describe 'Invoke-ChurnBacktest' -Tag 'CI' {
    BeforeAll {
        $backtest = @(New-SyntheticCustomerData CorporateChurn 1500 -Seed 7 -Months 4 -Path (Join-Path $TestDrive 'bt.del')).FullName
    }

    It 'emits one row per month with two months after it, from piped files' {
        $rows = @(Get-ChildItem (Join-Path $TestDrive 'bt-*.del') | Invoke-ChurnBacktest)
        $rows.Count | Should -Be 2
        $rows.TrainedOn | Should -Be '2026-07', '2026-08'
        $rows.TestedOn | Should -Be '2026-08', '2026-09'
        $rows[0].Predicts | Should -BeLike 'churn by 2026-09*'
        foreach ($row in $rows) { $row.RocAuc | Should -BeGreaterThan 0.5 }
        ($rows | Format-Table | Out-String) | Should -Match 'LiftTop10'
        ($rows | ConvertTo-Csv | Select-Object -First 1) | Should -Match 'TrainedOn'
    }

    It 'refuses months out of order and too few months' {
        { Invoke-ChurnBacktest -Path $backtest[1], $backtest[0], $backtest[2] } | Should -Throw -ErrorId 'BankInsight.ParameterInvalid,*' -ExpectedMessage '*were the files given in the wrong order?'
        { Invoke-ChurnBacktest -Path $backtest[0], $backtest[1] } | Should -Throw -ErrorId 'BankInsight.ParameterInvalid,*' -ExpectedMessage '*at least three consecutive monthly files*'
    }
}

Describe 'Invoke-ChurnPrediction streams a month it reads' -Tag 'CI' {
    # A file named with -Path is scored chunk by chunk after a first pass for its dates and row checks;
    # a data set piped from Import-CustomerData is scored whole: the objects must be the same.
    It 'emits the predictions of the loaded month, drivers and order included' {
        $streamed = Invoke-ChurnPrediction -Path $october -Model $trained -IncludeAll -SortBy AssetsAtRisk
        $loaded = Import-CustomerData $october -Schema CorporateChurn | Invoke-ChurnPrediction -Model $trained -IncludeAll -SortBy AssetsAtRisk
        $streamed.Count | Should -Be 3000
        ($streamed | ForEach-Object { "$($_.CustomerId)|$($_.Probability)|$($_.IsChurn)|$($_.AssetsAtRisk)|$($_.Drivers)|$($_.Line)" }) |
            Should -Be ($loaded | ForEach-Object { "$($_.CustomerId)|$($_.Probability)|$($_.IsChurn)|$($_.AssetsAtRisk)|$($_.Drivers)|$($_.Line)" })
    }
}
