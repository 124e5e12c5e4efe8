#Requires -Version 7.4
# Every kind of object the module emits, as an analyst meets it: exported with Export-Csv (and,
# by the rules ImportExcel's Export-Excel applies, to Excel), and shown by a view.

BeforeDiscovery {
    $manifest = Import-PowerShellDataFile (Join-Path $PSScriptRoot '..' 'out' 'BankInsight' 'BankInsight.psd1')
    $commands = $manifest.CmdletsToExport
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '..' 'out' 'BankInsight' 'BankInsight.psd1') -Force
    $churn = Join-Path $TestDrive 'customer_losing.del'
    $prospects = Join-Path $TestDrive 'potential_customer.del'
    $relations = Join-Path $TestDrive 'potential_customer_relation.del'
    $retail = Join-Path $TestDrive 'retail_customer.del'
    $null = New-SyntheticCustomerData CorporateChurn 2000 -Seed 4 -Path $churn
    $null = New-SyntheticCustomerData CorporateProspect 1500 -Seed 6 -Path $prospects
    $null = New-SyntheticCustomerData ProspectRelation 1500 -Seed 6 -Path $relations
    $null = New-SyntheticCustomerData Retail 3000 -Seed 5 -Path $retail

    # One object of every type every cmdlet declares, keyed by type name (PSCustomObjects by their
    # first type name, e.g. BankInsight.Results.ClusterProfile).
    $samples = [ordered]@{}
    function Add-Sample($objects) {
        foreach ($o in @($objects)) {
            # A PSCustomObject goes by its first type name (Select-Object -First adds a 'Selected.' one).
            $name = if ($o -is [System.Management.Automation.PSCustomObject]) { @($o.PSObject.TypeNames -notlike 'Selected.*')[0] } else { $o.GetType().FullName }
            if (-not $samples.Contains($name)) { $samples[$name] = $o }
        }
    }
    $data = Import-CustomerData $churn -Schema CorporateChurn
    $trained = New-ChurnModel -InputObject $data -WarningAction SilentlyContinue
    $segments = New-CustomerClusterModel $retail -ClusterCount 3 -InitCount 1
    Add-Sample $data
    Add-Sample (Import-CustomerData $churn -Schema CorporateChurn -AsRecord | Select-Object -First 1)
    Add-Sample (Get-BankSchema Retail)
    Add-Sample (Get-BankSchema Retail -Column 性别)
    Add-Sample (Get-BankSchema Retail -AsJson)
    Add-Sample (Invoke-ChurnPrediction -InputObject $data | Select-Object -First 1)
    Add-Sample (Test-ChurnModel -InputObject $data)
    Add-Sample (Test-ChurnModelDrift -InputObject $data)
    Add-Sample (Test-ChurnModelDrift -InputObject $data -PerFeature | Select-Object -First 1)
    Add-Sample $trained
    Add-Sample (New-ProspectModel $prospects $relations -WarningAction SilentlyContinue)
    Add-Sample (Find-Prospect $prospects $relations -ExpandRelations -Region '')
    Add-Sample $segments
    Add-Sample (Get-CustomerCluster $retail | Select-Object -First 1)
    Add-Sample (Get-CustomerCluster $retail -Profile | Select-Object -First 1)
    Add-Sample (Get-CrossSellRule $retail | Select-Object -First 1)
    Add-Sample (Get-CrossSellRecommendation $retail | Select-Object -First 1)
    Add-Sample (Find-ProductOpportunity $retail -Top 1)
    Add-Sample (Invoke-ChurnPrediction -InputObject $data -Drivers 0 | Select-Object -First 3 | Export-BankResult (Join-Path $TestDrive 'x.txt') -PassThru)
    Add-Sample (Invoke-ChurnBacktest -Path @(New-SyntheticCustomerData CorporateChurn 800 -Seed 3 -Months 3 -Path (Join-Path $TestDrive 'bt.del')).FullName)
    # What users reach from those objects and look at or export in turn: models, evaluations, load
    # summaries, schemas. (Not lists, and not a data set's raw columns: a column of 10 million ids
    # has no place in one cell.)
    foreach ($o in @($samples.Values)) {
        foreach ($p in $o.PSObject.Properties) {
            $v = $p.Value
            if ($null -eq $v) { continue }
            $type = $v.GetType()
            if ($type.Namespace -like 'BankInsight*' -and -not $type.IsEnum -and $v -isnot [System.Collections.IEnumerable] -and $v -isnot [BankInsight.Data.Columns.DataColumn]) { Add-Sample $v }
        }
    }

    # A cell Export-Csv filled with a type name because the value was not a scalar.
    $typeName = '^(System|BankInsight|Microsoft)\.[\w.`]+(\[[^\]]*\])*$'
}

Describe 'Output types' -Tag 'CI' {
    It 'emits an object of every type the cmdlets declare' -ForEach $commands {
        $declared = (Get-Command $_).OutputType.Name | Where-Object { $_ -notin 'System.String', 'System.Management.Automation.PSObject' }
        foreach ($type in $declared) { $samples.Keys | Should -Contain $type -Because "$_ declares $type" }
    }

    It 'exports every type to CSV with no cell holding a type name' {
        $samples.Count | Should -BeGreaterOrEqual 18
        foreach ($name in $samples.Keys) {
            $cells = $samples[$name] | ConvertTo-Csv -NoTypeInformation | ConvertFrom-Csv
            foreach ($property in $cells.PSObject.Properties) {
                $property.Value | Should -Not -Match $typeName -Because "$name.$($property.Name) must export as its value, not as a type name"
            }
        }
    }

    It 'keeps lists readable in a CSV cell: rule items, schema values' {
        $rule = $samples['BankInsight.Results.CrossSellRule']
        ($rule | ConvertTo-Csv | ConvertFrom-Csv).Antecedents | Should -Be ($rule.Antecedents -join ';')
        $rule.Antecedents[0] | Should -BeOfType [string]   # still a list in PowerShell
        $column = $samples['BankInsight.Data.Schemas.SchemaColumn']
        ($column | ConvertTo-Csv | ConvertFrom-Csv).Values | Should -Be '男;女;未知'
    }

    It 'has no type whose name ImportExcel would take for a scalar' {
        # Export-Excel writes rows of ToString() when the first object's short type name contains
        # one of these words (ImportExcel 7.8.10, Export-Excel.ps1); none of ours may.
        $scalar = 'string|timespan|datetime|bool|byte|char|decimal|double|float|int|long|sbyte|short|uint|ulong|ushort|URI|ExcelHyperLink'
        foreach ($o in $samples.Values | Where-Object { $_ -isnot [string] }) {
            $o.GetType().Name | Should -Not -Match $scalar -Because "Export-Excel would write $($o.GetType().Name) as one text column"
        }
    }

    It 'shows every type with a view whose table labels are its property names' {
        foreach ($name in $samples.Keys | Where-Object { $_ -like 'BankInsight.*' }) {
            $o = $samples[$name]
            $table = $o | Format-Table | Out-String -Width 200
            $table | Should -Not -BeNullOrEmpty
            $header = ($table -split "`n" | Where-Object { $_.Trim() } | Select-Object -First 1).Trim()
            foreach ($label in $header -split '\s+') {
                $o.PSObject.Properties.Name | Should -Contain $label -Because "the $name view's column '$label' should be a property users can sort and filter on"
            }
            ($o | Format-List | Out-String) | Should -Not -BeNullOrEmpty
        }
    }
}
