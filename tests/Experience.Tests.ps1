#Requires -Version 7.4
# What an analyst meets at the prompt: pipelines between cmdlets and from Import-Csv, views, help,
# tab completion, progress and errors.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '..' 'out' 'BankInsight' 'BankInsight.psd1') -Force
    $churn = Join-Path $TestDrive 'customer_losing.del'
    $retail = Join-Path $TestDrive 'retail_customer.del'
    $null = New-SyntheticCustomerData CorporateChurn 2000 -Seed 4 -Path $churn
    $null = New-SyntheticCustomerData Retail 3000 -Seed 5 -Path $retail
}

BeforeDiscovery {
    # -ForEach data must exist while Pester discovers the tests, before BeforeAll runs.
    $commands = (Import-PowerShellDataFile (Join-Path $PSScriptRoot '..' 'out' 'BankInsight' 'BankInsight.psd1')).CmdletsToExport
}

Describe 'Pipelines' -Tag 'CI' {
    It 'scores rows from Import-Csv by binding columns by name' {
        # A CSV as a bank analyst gets it: the schema's column names as the header, then the rows.
        $csv = Join-Path $TestDrive 'few.csv'
        $header = ((Get-BankSchema CorporateChurn).Columns.Name | ForEach-Object { '"' + $_ + '"' }) -join ','
        Set-Content $csv (@($header) + (Get-Content $churn -TotalCount 25)) -Encoding utf8
        # The data month is given: 25 rows alone might not reach the file's latest date.
        $scored = Import-Csv $csv | Invoke-ChurnPrediction -IncludeAll -Drivers 0 -DataMonth 2026-10-31
        $scored.Count | Should -Be 25
        $fromFile = Invoke-ChurnPrediction $churn -IncludeAll -Drivers 0 -DataMonth 2026-10-31 | Select-Object -First 25
        $scored.Probability | Should -Be $fromFile.Probability
    }

    It 'takes a freshly trained model from the pipeline by its Model property' {
        $scored = New-ChurnModel $churn | Invoke-ChurnPrediction $churn -IncludeAll -Drivers 0
        $scored.Count | Should -Be 2000
    }

    It 'reads files piped from Get-ChildItem' {
        (Get-ChildItem $churn | Invoke-ChurnPrediction -IncludeAll -Drivers 0).Count | Should -Be 2000
    }

    It 'pipes rules into recommendations, and recommendations into the bank file' {
        $txt = Join-Path $TestDrive 'cross_selling.txt'
        Get-CrossSellRule $retail -MinConfidence 0.5 | Get-CrossSellRecommendation $retail | Export-BankResult $txt
        Get-Content $txt | Should -Not -BeNullOrEmpty
    }

    It 'pipes rules into product opportunities, which then use the rules' {
        $found = Get-CrossSellRule $retail | Find-ProductOpportunity $retail -Top 5
        $found.Method | Sort-Object -Unique | Should -Be 'Rules'
    }

    It 'exports every job result to CSV with the same columns on every row' -TestCases @(
        @{ Command = { Invoke-ChurnPrediction $churn } }
        @{ Command = { Get-CustomerCluster $retail } }
        @{ Command = { Get-CrossSellRule $retail } }
        @{ Command = { Get-CrossSellRecommendation $retail } }
        @{ Command = { Find-ProductOpportunity $retail -Top 10 } }
    ) {
        $csv = Join-Path $TestDrive 'out.csv'
        & $Command | Export-Csv $csv -NoTypeInformation -Encoding utf8BOM
        $rows = Import-Csv $csv
        $rows | Should -Not -BeNullOrEmpty
        # Scalars only: lists (rule items) export as ;-joined text.
        (Get-Content $csv -Raw) | Should -Not -Match 'System\.Collections|BankInsight\.'
    }
}

Describe 'Views' -Tag 'CI' {
    It 'formats <Name> as a table and a list without errors' -TestCases @(
        @{ Name = 'predictions'; Command = { Invoke-ChurnPrediction $churn | Select-Object -First 3 } }
        @{ Name = 'assignments'; Command = { Get-CustomerCluster $retail | Select-Object -First 3 } }
        @{ Name = 'profiles'; Command = { Get-CustomerCluster $retail -Profile } }
        @{ Name = 'rules'; Command = { Get-CrossSellRule $retail } }
        @{ Name = 'segmentation'; Command = { New-CustomerClusterModel $retail -ClusterCount 3 -InitCount 1 } }
    ) {
        $objects = & $Command
        ($objects | Format-Table | Out-String) | Should -Not -BeNullOrEmpty
        ($objects | Format-List | Out-String) | Should -Not -BeNullOrEmpty
    }

    It 'shows probabilities rounded but keeps the value whole' {
        $p = Invoke-ChurnPrediction $churn -IncludeAll -Drivers 0 | Where-Object Probability -lt 0.99 | Select-Object -First 1
        ($p | Format-Table | Out-String) | Should -Match '\b0\.\d{3}\b'
        $p.Probability.ToString() | Should -Not -Match '^0\.\d{3}$'
    }
}

Describe 'Help' -Tag 'CI' {
    It '<_> has a synopsis, a description and at least two examples' -ForEach $commands {
        $help = Get-Help $_ -Full
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -Match '^\s*\S+ \[' # not the auto-generated syntax line
        @($help.Examples.Example).Count | Should -BeGreaterOrEqual 2
    }

    It 'docs/en-US, the source of this help, is in step with the cmdlets (syntax, sets, pipeline input, aliases)' {
        $report = & (Join-Path $PSScriptRoot '..' 'tools' 'update-help-markdown.ps1') -Check
        $LASTEXITCODE | Should -Be 0 -Because ($report -join "`n")
    }

    It 'describes what each parameter takes from the pipeline as the binder sees it' {
        foreach ($command in Get-Command -Module BankInsight -CommandType Cmdlet) {
            foreach ($documented in (Get-Help $command.Name -Full).parameters.parameter) {
                $attributes = @($command.Parameters[$documented.name].Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] })
                $byValue = [bool]($attributes | Where-Object ValueFromPipeline)
                $byName = [bool]($attributes | Where-Object ValueFromPipelineByPropertyName)
                $because = "Get-Help $($command.Name) -Parameter $($documented.name)"
                if (-not ($byValue -or $byName)) { $documented.pipelineInput | Should -Be 'False' -Because $because; continue }
                if ($byValue) { $documented.pipelineInput | Should -Match 'ByValue' -Because $because }
                if ($byName) { $documented.pipelineInput | Should -Match 'ByPropertyName' -Because $because }
            }
        }
        (Get-Command Invoke-ChurnPrediction).DefaultParameterSet | Should -Be 'InputObject'
    }

    It 'has an about topic' {
        (Get-Help about_BankInsight | Out-String) | Should -Match 'Retail cross-selling'
    }
}

Describe 'Completion' -Tag 'CI' {
    It 'completes <Line>' -TestCases @(
        @{ Line = 'Import-CustomerData x.del -Schema Corp'; Expected = 'CorporateChurn' }
        @{ Line = 'Get-BankSchema Retail -Column 存款'; Expected = '存款余额' }
        @{ Line = 'Find-ProductOpportunity x.del -Product Ins'; Expected = 'Insurance' }
        @{ Line = 'Get-CrossSellRule x.del -Algorithm Apr'; Expected = 'Apriori' }
        @{ Line = 'New-ChurnModel x.del -Algorithm Log'; Expected = 'LogisticRegression' }
    ) {
        $completions = TabExpansion2 -inputScript $Line -cursorColumn $Line.Length
        $completions.CompletionMatches.CompletionText | Should -Contain $Expected
    }
}

Describe 'Errors and progress' -Tag 'CI' {
    It 'reports a bad row with its id, line and value, and keeps the rest' {
        $bad = Join-Path $TestDrive 'bad.del'
        $lines = Get-Content $churn -TotalCount 3
        $fields = $lines[1] -split ','
        $fields[2] = 'many'
        $lines[1] = $fields -join ','
        Set-Content $bad $lines
        $data = Import-CustomerData $bad -Schema CorporateChurn -ErrorVariable rejected -ErrorAction SilentlyContinue
        $data.RowCount | Should -Be 2
        $rejected[0].FullyQualifiedErrorId | Should -BeLike 'BankInsight.RowRejected*'
        $rejected[0].Exception.Message | Should -Match 'line 2'
        $rejected[0].Exception.Message | Should -Match 'many'
    }

    It 'says "unknown schema" with the list for a mistyped -Schema, before reading anything' {
        foreach ($command in { Import-CustomerData $churn -Schema CorporateChrun }, { Invoke-ChurnPrediction $churn -Schema CorporateChrun }) {
            $failure = $command | Should -Throw -PassThru
            $failure.FullyQualifiedErrorId | Should -BeLike 'BankInsight.SchemaNotFound,*'
            $failure.CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $failure.Exception | Should -BeOfType [System.Management.Automation.ItemNotFoundException]
            $failure.Exception.Message | Should -Match "Unknown schema 'CorporateChrun'.*CorporateChurn, CorporateProspect, ProspectRelation, Retail"
            $failure.TargetObject | Should -Be 'CorporateChrun'
        }
        # A path is a path: a missing schema file is reported as one.
        $missing = { Import-CustomerData $churn -Schema ./no/such/schema.json } | Should -Throw -PassThru
        $missing.FullyQualifiedErrorId | Should -BeLike 'BankInsight.FileNotFound,*'
        $missing.Exception | Should -BeOfType [System.IO.FileNotFoundException]
        $missing.Exception.Message | Should -Match 'does not exist'
    }

    It 'suggests -Delimiter for a file that splits at ";"' {
        $semicolons = Join-Path $TestDrive 'semicolons.del'
        Get-Content $churn -TotalCount 50 | ForEach-Object { $_ -replace ',(?=(?:[^"]*"[^"]*")*[^"]*$)', ';' } | Set-Content $semicolons
        $failure = { Import-CustomerData $semicolons -Schema CorporateChurn -ErrorAction Stop } | Should -Throw -PassThru
        $failure.FullyQualifiedErrorId | Should -BeLike 'BankInsight.FileLayoutInvalid,*'
        $failure.Exception.Message | Should -Match "lines do at ';': read it with that delimiter \(-Delimiter"
        $failure.TargetObject | Should -Be $semicolons
        (Import-CustomerData $semicolons -Schema CorporateChurn -Delimiter ';').RowCount | Should -Be 50
    }

    It 'refuses NaN and infinities in every number parameter, before reading anything' {
        $checked = 0
        foreach ($command in Get-Command -Module BankInsight -CommandType Cmdlet) {
            foreach ($parameter in $command.Parameters.Values | Where-Object { $_.ParameterType -in [double], [Nullable[double]] }) {
                foreach ($value in [double]::NaN, [double]::PositiveInfinity, [double]::NegativeInfinity) {
                    $arguments = @{ $parameter.Name = $value }
                    { & $command.Name -Path (Join-Path $TestDrive 'no-such.del') @arguments } |
                        Should -Throw -ErrorId 'ParameterArgumentValidationError*' -Because "$($command.Name) -$($parameter.Name) $value"
                    $checked++
                }
            }
        }
        $checked | Should -BeGreaterOrEqual 90   # more than 30 number parameters across the job cmdlets, three values each
    }

    It 'gives rejected rows an InvalidDataException and the row as target' {
        $bad = Join-Path $TestDrive 'one-bad.del'
        @(Get-Content $churn -TotalCount 2) + '"cut","short"' | Set-Content $bad
        $null = Import-CustomerData $bad -Schema CorporateChurn -ErrorVariable rejected -ErrorAction SilentlyContinue
        $rejected.Count | Should -Be 1
        $rejected[0].Exception | Should -BeOfType [System.IO.InvalidDataException]
        $rejected[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $rejected[0].TargetObject.Line | Should -Be 3
        $rejected[0].TargetObject.File | Should -Be $bad
    }

    It 'honours $ProgressPreference' {
        $ProgressPreference = 'SilentlyContinue'
        { Get-CustomerCluster $retail | Out-Null } | Should -Not -Throw
    }

    It 'says what it does with -Verbose' {
        $verbose = Get-CrossSellRule $retail -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        ($verbose.Message -join "`n") | Should -Match 'frequent itemsets'
    }
}

Describe 'Bad input to every job cmdlet' -Tag 'CI' {
    It '<Command> names a missing file with BankInsight.FileNotFound' -TestCases @(
        @{ Command = 'New-ChurnModel' }
        @{ Command = 'Test-ChurnModel' }
        @{ Command = 'Invoke-ChurnPrediction' }
        @{ Command = 'New-ProspectModel' }
        @{ Command = 'Find-Prospect' }
        @{ Command = 'New-CustomerClusterModel' }
        @{ Command = 'Get-CustomerCluster' }
        @{ Command = 'Get-CrossSellRule' }
        @{ Command = 'Get-CrossSellRecommendation' }
        @{ Command = 'Find-ProductOpportunity' }
    ) {
        $missing = Join-Path $TestDrive 'no-such-file.del'
        { & $Command -Path $missing -ErrorAction Stop } | Should -Throw -ErrorId "BankInsight.FileNotFound*"
    }

    It '<Command> refuses a file of another schema, naming the file' -TestCases @(
        @{ Command = 'Invoke-ChurnPrediction' }
        @{ Command = 'Get-CustomerCluster' }
        @{ Command = 'Get-CrossSellRule' }
    ) {
        $other = if ($Command -eq 'Invoke-ChurnPrediction') { $retail } else { $churn }
        $failure = { & $Command -Path $other -ErrorAction Stop } | Should -Throw -PassThru
        $failure.Exception.Message | Should -Match ([regex]::Escape((Split-Path $other -Leaf)))
    }

    It 'New-ProspectModel writes no model with -WhatIf' {
        $prospects = Join-Path $TestDrive 'p.del'
        $null = New-SyntheticCustomerData CorporateProspect 2000 -Seed 9 -Path $prospects
        $file = Join-Path $TestDrive 'p.model'
        $null = New-ProspectModel $prospects -OutFile $file -WhatIf -WarningAction SilentlyContinue
        $file | Should -Not -Exist
    }
}
