#Requires -Version 7.4
# New-CustomerClusterModel, Get-CustomerCluster, Get-CrossSellRule, Get-CrossSellRecommendation, Find-ProductOpportunity.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '..' 'out' 'BankInsight' 'BankInsight.psd1') -Force
    $retail = Join-Path $TestDrive 'retail_customer.del'
    $null = New-SyntheticCustomerData Retail 4000 -Seed 31 -Path $retail
}

Describe 'New-CustomerClusterModel' -Tag 'CI' {
    It 'trains k segments numbered by size and saves the model' {
        $file = Join-Path $TestDrive 'segments.model'
        $result = New-CustomerClusterModel $retail -ClusterCount 4 -InitCount 2 -OutFile $file
        $result.ClusterCount | Should -Be 4
        $result.ClusterCountChoice | Should -Be 'Given'
        $file | Should -Exist
        $sizes = $result.Model.Training.Sizes
        $sizes[0] | Should -BeGreaterOrEqual $sizes[3]
    }

    It 'chooses k by silhouette when none is given' {
        $result = New-CustomerClusterModel $retail -MaxClusterCount 4 -InitCount 1
        $result.ClusterCountChoice | Should -Be 'Silhouette'
        $result.Search | Should -Match '^2: '
    }

    It 'writes nothing with -WhatIf' {
        $file = Join-Path $TestDrive 'whatif.model'
        $null = New-CustomerClusterModel $retail -ClusterCount 3 -InitCount 1 -OutFile $file -WhatIf
        $file | Should -Not -Exist
    }
}

Describe 'Get-CustomerCluster' -Tag 'CI' {
    It 'assigns every customer with the shipped model' {
        $assigned = Get-CustomerCluster $retail
        $assigned.Count | Should -Be 4000
        ($assigned | Where-Object { $_.Cluster -lt 1 -or $_.Cluster -gt 6 }) | Should -BeNullOrEmpty
    }

    It 'profiles segments as wide rows that export to CSV' {
        $csv = Join-Path $TestDrive 'profiles.csv'
        Get-CustomerCluster $retail -Profile | Export-Csv $csv -NoTypeInformation
        $rows = Import-Csv $csv
        $rows.Count | Should -Be 6
        $rows[0].PSObject.Properties.Name | Should -Contain '存款持有率'
        ($rows | Measure-Object Customers -Sum).Sum | Should -Be 4000
    }

    It 'takes a model from New-CustomerClusterModel' {
        $model = New-CustomerClusterModel $retail -ClusterCount 3 -InitCount 1
        (Get-CustomerCluster $retail -Model $model | Select-Object -ExpandProperty Cluster -Unique).Count | Should -Be 3
    }
}

Describe 'Get-CrossSellRule' -Tag 'CI' {
    It 'mines rules that pass the default filters' {
        $rules = Get-CrossSellRule $retail
        $rules | Should -Not -BeNullOrEmpty
        $rules | ForEach-Object { $_.Confidence | Should -BeGreaterOrEqual 0.3; $_.Lift | Should -BeGreaterOrEqual 1.0 }
    }

    It 'gives the same rules with Apriori' {
        $fp = Get-CrossSellRule $retail -MinSupport 0.05 | ForEach-Object { "$($_.AntecedentCodes)>$($_.ConsequentCodes)" }
        $ap = Get-CrossSellRule $retail -MinSupport 0.05 -Algorithm Apriori | ForEach-Object { "$($_.AntecedentCodes)>$($_.ConsequentCodes)" }
        $ap | Should -Be $fp
    }

    It 'mines per segment' {
        (Get-CrossSellRule $retail -PerCluster | Select-Object -ExpandProperty Cluster -Unique).Count | Should -BeGreaterThan 1
    }
}

Describe 'Get-CrossSellRecommendation' -Tag 'CI' {
    It 'writes the bank cross-selling file: one id and code pair per line, or joined when asked' {
        $recs = @(Get-CrossSellRecommendation $retail -PerCluster -Top 3)
        $txt = Join-Path $TestDrive 'cross_selling.txt'
        $recs | Export-BankResult $txt
        $lines = @(Get-Content $txt)
        $lines | ForEach-Object { $_ | Should -Match '^"\d+","[1-8]"$' }
        $expected = $recs | ForEach-Object { $r = $_; $r.ProductCodes -split ',' | ForEach-Object { '"{0}","{1}"' -f $r.CustomerId, $_ } }
        $lines | Should -Be $expected
        @($recs | Where-Object { $_.ProductCodes -like '*,*' }).Count | Should -BeGreaterThan 0 -Because 'some rules offer two products, which the old layout splits'
        $joined = Join-Path $TestDrive 'cross_selling_joined.txt'
        $recs | Export-BankResult $joined -JoinProductCodes
        Get-Content $joined | Should -Be ($recs | ForEach-Object { '"{0}","{1}"' -f $_.CustomerId, $_.ProductCodes })
    }

    It 'offers only rules that raise the chance (lift 1.1 by default), never a product held, and shows why' {
        $recs = @(Get-CrossSellRecommendation $retail -PerCluster -Top 3)
        $recs.Count | Should -BeGreaterThan 100
        foreach ($r in $recs) {
            $r.Lift | Should -BeGreaterOrEqual 1.1
            $r.RecommendedProducts -split ';' | Where-Object { $_ -in ($r.HeldProducts -split ';') } | Should -BeNullOrEmpty
            $r.Confidence | Should -BeGreaterThan $r.BaseRate
        }
        $all = @(Get-CrossSellRecommendation $retail -PerCluster -Top 3 -MinLift 1)
        $all.Count | Should -BeGreaterThan $recs.Count
        @($all | Where-Object Lift -lt 1.1).Count | Should -BeGreaterThan 0
        $header = (($recs | Select-Object -First 2 | Format-Table | Out-String -Width 250) -split "`n" | Where-Object { $_.Trim() } | Select-Object -First 1).Trim() -split '\s+'
        $header | Should -Be @('CustomerId', 'Rank', 'RecommendedProducts', 'Lift', 'Confidence', 'BaseRate', 'Rule')
        ($recs[0] | Format-Table | Out-String -Width 250) | Should -Match ([regex]::Escape($recs[0].Rule))
    }

    It 'uses rules reviewed first' {
        $rules = Get-CrossSellRule $retail -MinConfidence 0.5
        $recs = Get-CrossSellRecommendation $retail -Rule $rules -Top 2
        $recs | ForEach-Object { $_.Confidence | Should -BeGreaterOrEqual 0.5 }
    }
}

Describe 'Find-ProductOpportunity' -Tag 'CI' {
    It 'writes deposit and insurance pairs once each' {
        $txt = Join-Path $TestDrive 'product_mining.txt'
        Find-ProductOpportunity $retail | Export-BankResult $txt
        $lines = Get-Content $txt
        $lines | ForEach-Object { $_ | Should -Match '^"0[12]","\d+"$' }
        ($lines | Sort-Object -Unique).Count | Should -Be $lines.Count
    }

    It 'refuses an unknown product with a stable error id' {
        { Find-ProductOpportunity $retail -Product Bitcoin -ErrorAction Stop } |
            Should -Throw -ErrorId 'BankInsight.ParameterInvalid,BankInsight.PowerShell.Commands.FindProductOpportunityCommand'
    }
}

Describe 'Retail jobs stream the files they read' -Tag 'CI' {
    # A file named with -Path is read in chunks (RetailFile), a data set from Import-CustomerData is used
    # whole: the two must give the same objects, and a mostly rejected file must give none.
    It 'recommends and finds the same as for the loaded data set' {
        $fromFile = Get-CrossSellRecommendation -Path $retail -PerCluster -Top 2
        $fromData = Import-CustomerData $retail -Schema Retail | Get-CrossSellRecommendation -PerCluster -Top 2
        $fromFile.Count | Should -BeGreaterThan 100
        ($fromFile | ConvertTo-Json -Compress -Depth 2) | Should -BeExactly ($fromData | ConvertTo-Json -Compress -Depth 2)
        $found = Find-ProductOpportunity -Path $retail -Top 50
        $loaded = Import-CustomerData $retail -Schema Retail | Find-ProductOpportunity -Top 50
        $found.Count | Should -Be 100
        ($found | ForEach-Object { "$($_.ProductCode)|$($_.CustomerId)|$($_.CustomerName)|$($_.Score)|$($_.Line)" }) |
            Should -Be ($loaded | ForEach-Object { "$($_.ProductCode)|$($_.CustomerId)|$($_.CustomerName)|$($_.Score)|$($_.Line)" })
    }

    It 'emits nothing from a file whose rows are mostly rejected, and says why' {
        $bad = Join-Path $TestDrive 'mostly-bad.del'
        $lines = Get-Content $retail
        $lines = $lines[0..99] + ($lines[100..3999] | ForEach-Object { $_ -replace '^("[^"]*"),("[^"]*"),\d+,', '$1,$2,abc,' })
        Set-Content $bad $lines
        $script:out = $null
        { $script:out = Get-CrossSellRecommendation -Path $bad -ErrorAction SilentlyContinue } | Should -Throw -ErrorId 'BankInsight.TooManyRowsRejected*'
        $script:out | Should -BeNullOrEmpty
    }

    It 'stops when its only file cannot be read, though it waits for piped rules before reading' {
        $other = Join-Path $TestDrive 'not-retail-alone.del'
        Set-Content $other ('"a","b"', '"c","d"', '"e","f"', '"g","h"')
        { Get-CrossSellRecommendation -Path $other } | Should -Throw -ErrorId 'BankInsight.FileLayoutInvalid*'
        { Find-ProductOpportunity -Path $other } | Should -Throw -ErrorId 'BankInsight.FileLayoutInvalid*'
    }

    It 'reports a file of another layout as a non-terminating error and goes on with the next' {
        $other = Join-Path $TestDrive 'not-retail.del'
        Set-Content $other ('"a","b"', '"c","d"', '"e","f"', '"g","h"')
        $errors = $null
        $found = Find-ProductOpportunity -Path $other, $retail -Top 5 -ErrorVariable errors -ErrorAction SilentlyContinue
        $found.Count | Should -Be 10
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'BankInsight.FileLayoutInvalid*'
    }
}

Describe 'Get-CustomerCluster streams a file' -Tag 'CI' {
    It 'assigns the same segments as for the loaded data set' {
        $fromFile = Get-CustomerCluster -Path $retail
        $fromData = Import-CustomerData $retail -Schema Retail | Get-CustomerCluster
        $fromFile.Count | Should -Be 4000
        ($fromFile | ForEach-Object { "$($_.CustomerId)|$($_.CustomerName)|$($_.Cluster)|$($_.Distance)|$($_.Line)" }) |
            Should -Be ($fromData | ForEach-Object { "$($_.CustomerId)|$($_.CustomerName)|$($_.Cluster)|$($_.Distance)|$($_.Line)" })
    }
}
