#Requires -Version 7.4
# Every way of giving a job its data, for every job cmdlet, in the real binder: -Path, -LiteralPath,
# -InputObject, and through the pipeline a data set, a file from Get-ChildItem and a path as text.
# Each must give exactly the objects -Path gives (compared as the CSV they export to).

BeforeDiscovery {
    $jobs = @(
        @{ Command = 'New-ChurnModel'; Data = 'churn'; Arguments = @{ WarningAction = 'SilentlyContinue' } }
        @{ Command = 'Test-ChurnModel'; Data = 'churn'; Arguments = @{ WarningAction = 'SilentlyContinue' } }
        @{ Command = 'Invoke-ChurnPrediction'; Data = 'churn'; Arguments = @{ IncludeAll = $true; Drivers = 1 } }
        @{ Command = 'New-ProspectModel'; Data = 'prospects'; Arguments = @{ RelationPath = 'RELATIONS'; WarningAction = 'SilentlyContinue' } }
        @{ Command = 'Find-Prospect'; Data = 'prospects'; Arguments = @{ RelationPath = 'RELATIONS'; Region = ''; ExpandRelations = $true } }
        @{ Command = 'New-CustomerClusterModel'; Data = 'retail'; Arguments = @{ ClusterCount = 3; InitCount = 2 } }
        @{ Command = 'Get-CustomerCluster'; Data = 'retail'; Arguments = @{} }
        @{ Command = 'Get-CrossSellRule'; Data = 'retail'; Arguments = @{ PerCluster = $true } }
        @{ Command = 'Get-CrossSellRecommendation'; Data = 'retail'; Arguments = @{ Top = 2 } }
        @{ Command = 'Find-ProductOpportunity'; Data = 'retail'; Arguments = @{ Top = 50 } }
    )
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '..' 'out' 'BankInsight' 'BankInsight.psd1') -Force
    $files = @{
        churn = Join-Path $TestDrive 'churn[2026-10].del'
        prospects = Join-Path $TestDrive 'prospects.del'
        retail = Join-Path $TestDrive 'retail.del'
    }
    $relations = Join-Path $TestDrive 'relations.del'
    # Written with wildcard characters in a name on purpose: -LiteralPath and Get-ChildItem must cope.
    $null = New-SyntheticCustomerData CorporateChurn 1500 -Seed 21 -Path $files.churn
    $null = New-SyntheticCustomerData CorporateProspect 1200 -Seed 22 -Path $files.prospects
    $null = New-SyntheticCustomerData ProspectRelation 1200 -Seed 22 -Path $relations
    $null = New-SyntheticCustomerData Retail 1500 -Seed 23 -Path $files.retail
    $schemas = @{ churn = 'CorporateChurn'; prospects = 'CorporateProspect'; retail = 'Retail' }

    function Get-Signature([object[]] $Objects) {
        # What an analyst would export: every property, every row (model objects read as text).
        @($Objects) | Should -Not -BeNullOrEmpty
        ($Objects | ConvertTo-Csv -NoTypeInformation) -join "`n"
    }
    function Resolve-Arguments([hashtable] $Arguments) {
        $resolved = @{}
        foreach ($key in $Arguments.Keys) { $resolved[$key] = if ($Arguments[$key] -is [string] -and $Arguments[$key] -eq 'RELATIONS') { $relations } else { $Arguments[$key] } }
        $resolved
    }
}

Describe 'Giving a job its data' -Tag 'CI' {
    It '<Command>: -LiteralPath, -InputObject, and piped data sets, files and paths give what -Path gives' -ForEach $jobs {
        $file = $files[$Data]
        $wildcardSafe = [WildcardPattern]::Escape($file)
        $with = Resolve-Arguments $Arguments
        $expected = Get-Signature (& $Command -Path $wildcardSafe @with)

        Get-Signature (& $Command -LiteralPath $file @with) | Should -Be $expected -Because '-LiteralPath'
        $data = Import-CustomerData -LiteralPath $file -Schema $schemas[$Data]
        Get-Signature ($data | & $Command @with) | Should -Be $expected -Because 'a data set piped'
        Get-Signature (& $Command -InputObject $data @with) | Should -Be $expected -Because '-InputObject'
        Get-Signature (Get-Item -LiteralPath $file | & $Command @with) | Should -Be $expected -Because 'a file from Get-Item'
        Get-Signature ($wildcardSafe | & $Command @with) | Should -Be $expected -Because 'a path as text'
    }

    It 'Get-ChildItem *.del | Invoke-ChurnPrediction reads every file, each its own run, in order' {
        $folder = Join-Path $TestDrive 'months'
        New-Item -ItemType Directory $folder | Out-Null
        foreach ($seed in 1..3) { $null = New-SyntheticCustomerData CorporateChurn 400 -Seed $seed -Path (Join-Path $folder "m$seed.del") }
        $all = Get-ChildItem (Join-Path $folder '*.del') | Invoke-ChurnPrediction -IncludeAll -Drivers 0
        $all.Count | Should -Be 1200
        # Each result says which file its line is in.
        ($all | Group-Object File | ForEach-Object { '{0}={1}' -f (Split-Path $_.Name -Leaf), $_.Count }) | Should -Be 'm1.del=400', 'm2.del=400', 'm3.del=400'
        $each = foreach ($seed in 1..3) { Invoke-ChurnPrediction (Join-Path $folder "m$seed.del") -IncludeAll -Drivers 0 }
        $all.Probability | Should -Be $each.Probability
        (Invoke-ChurnPrediction (Join-Path $folder '*.del') -IncludeAll -Drivers 0).Count | Should -Be 1200
    }

    It 'Get-ChildItem *.del | Get-CrossSellRule mines each file on its own' {
        $folder = Join-Path $TestDrive 'branches'
        New-Item -ItemType Directory $folder | Out-Null
        foreach ($seed in 1..3) { $null = New-SyntheticCustomerData Retail 600 -Seed (30 + $seed) -Path (Join-Path $folder "b$seed.del") }
        $all = Get-ChildItem (Join-Path $folder '*.del') | Get-CrossSellRule -MinSupport 0.05
        $each = foreach ($seed in 1..3) { Get-CrossSellRule (Join-Path $folder "b$seed.del") -MinSupport 0.05 }
        $all.Count | Should -Be $each.Count
        $all.Count | Should -BeGreaterThan 3
        ($all | ForEach-Object { "$_" }) | Should -Be ($each | ForEach-Object { "$_" })
    }

    It 'Import-CustomerData -AsRecord rows score like the file' {
        $rows = Import-CustomerData -LiteralPath $files.churn -Schema CorporateChurn -AsRecord | Select-Object -First 40
        $scored = $rows | Invoke-ChurnPrediction -IncludeAll -Drivers 0 -DataMonth 2026-10-31
        $scored.Count | Should -Be 40
        $fromFile = Invoke-ChurnPrediction -LiteralPath $files.churn -IncludeAll -Drivers 0 -DataMonth 2026-10-31 | Select-Object -First 40
        $scored.CustomerId | Should -Be $fromFile.CustomerId
        $scored.Probability | Should -Be $fromFile.Probability
    }

    It 'reports a missing file and a wildcard that matches nothing, and still runs the other files' {
        $missing = Join-Path $TestDrive 'no-such.del'
        $nothing = Join-Path $TestDrive 'none-*.del'
        $result = Invoke-ChurnPrediction $missing, ([WildcardPattern]::Escape($files.churn)), $nothing -IncludeAll -Drivers 0 -ErrorVariable problems -ErrorAction SilentlyContinue
        $result.Count | Should -Be 1500
        $problems.Count | Should -Be 2
        foreach ($problem in $problems) {
            $problem.FullyQualifiedErrorId | Should -Be 'BankInsight.FileNotFound,BankInsight.PowerShell.Commands.InvokeChurnPredictionCommand'
            $problem.CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $problem.Exception | Should -BeOfType [System.IO.FileNotFoundException]
        }
        $problems.TargetObject | Should -Be $missing, $nothing
        { Invoke-ChurnPrediction $missing -ErrorAction Stop } | Should -Throw -ExceptionType ([System.IO.FileNotFoundException])
    }

    It 'says there is nothing to work on when only a model or only rules come down the pipeline' {
        $failure = { New-ChurnModel -LiteralPath $files.churn -WarningAction SilentlyContinue | Invoke-ChurnPrediction } | Should -Throw -PassThru
        $failure.FullyQualifiedErrorId | Should -BeLike 'BankInsight.ParameterInvalid,*'
        $failure.Exception.Message | Should -Match 'Nothing to work on'
        { Get-CrossSellRule $files.retail | Get-CrossSellRecommendation } | Should -Throw -ErrorId 'BankInsight.ParameterInvalid*'
    }

    It 'reads objects that name a file: Select-Object FullName, Resolve-Path' {
        $expected = (Invoke-ChurnPrediction -LiteralPath $files.churn -IncludeAll -Drivers 0).Probability
        (Get-Item -LiteralPath $files.churn | Select-Object FullName | Invoke-ChurnPrediction -IncludeAll -Drivers 0).Probability | Should -Be $expected
        (Resolve-Path -LiteralPath $files.churn | Invoke-ChurnPrediction -IncludeAll -Drivers 0).Probability | Should -Be $expected
    }

    It 'says where a data set goes when it is given by position' {
        $data = Import-CustomerData -LiteralPath $files.churn -Schema CorporateChurn
        $failure = { Invoke-ChurnPrediction $data } | Should -Throw -PassThru
        $failure.FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentTransformationError*'
        $failure.Exception.Message | Should -Match 'Pipe a data set'
    }

    It 'reads with the encodings the bank''s files come in, and refuses the others at binding' {
        (Import-CustomerData -LiteralPath $files.churn -Schema CorporateChurn -Encoding ([System.Text.Encoding]::UTF8)).RowCount | Should -Be 1500
        { Import-CustomerData -LiteralPath $files.churn -Schema CorporateChurn -Encoding ([System.Text.Encoding]::Unicode) } | Should -Throw -ErrorId 'ParameterArgumentTransformationError*'
        { Import-CustomerData -LiteralPath $files.churn -Schema CorporateChurn -Encoding latin1 } | Should -Throw -ErrorId 'ParameterArgumentTransformationError*'
    }

    It 'says that a folder is not a data file, and stops when nothing else was given' {
        $failure = { Get-Item $TestDrive | Invoke-ChurnPrediction } | Should -Throw -PassThru
        $failure.FullyQualifiedErrorId | Should -BeLike 'BankInsight.FileUnreadable,*'
        $failure.Exception.Message | Should -Match 'is a folder.*Nothing could be read'
        $result = Get-Item -LiteralPath $TestDrive, $files.churn | Invoke-ChurnPrediction -IncludeAll -Drivers 0 -ErrorVariable problems -ErrorAction SilentlyContinue
        $result.Count | Should -Be 1500
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'BankInsight.FileUnreadable,*'
    }
}
