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
