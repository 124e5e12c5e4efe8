#Requires -Version 7.4
# The monthly run of docs/examples/monthly-run.ps1, end to end on a month of synthetic exports.

BeforeAll {
    $module = Join-Path $PSScriptRoot '..' 'out' 'BankInsight'
    $script = Join-Path $PSScriptRoot '..' 'docs' 'examples' 'monthly-run.ps1'
    Import-Module $module -Force
    $in = Join-Path $TestDrive 'in'
    $out = Join-Path $TestDrive 'out'
    New-Item -ItemType Directory $in | Out-Null
    $null = New-SyntheticCustomerData CorporateChurn 3000 -Seed 1 -Path (Join-Path $in 'customer_losing.del')
    $null = New-SyntheticCustomerData CorporateProspect 3000 -Seed 2 -Path (Join-Path $in 'potential_customer.del')
    $null = New-SyntheticCustomerData ProspectRelation 3000 -Seed 2 -Path (Join-Path $in 'potential_customer_relation.del')
    $null = New-SyntheticCustomerData Retail 5000 -Seed 3 -Path (Join-Path $in 'retail_customer.del')

    # The script runs as a scheduler starts it: a new process of the PowerShell running this test.
    function Invoke-MonthlyRun {
        & (Join-Path $PSHOME 'pwsh') -NoProfile -NonInteractive -File $script -InputFolder $in -OutputFolder $out -Month 2026-10 -Module $module | Out-Null
        $LASTEXITCODE
    }
}

Describe 'Monthly run' -Tag 'CI' {
    It 'exits 0 and writes the four result files in the bank format' {
        Invoke-MonthlyRun | Should -Be 0
        $formats = [ordered]@{
            'customer_losing.txt'    = '^"\d+"$'
            'customer_potential.txt' = '^"\d+"$'
            'cross_selling.txt'      = '^"\d+","[1-8](,[1-8])*"$'
            'product_mining.txt'     = '^"0[12]","\d+"$'
        }
        foreach ($file in $formats.Keys) {
            $lines = Get-Content (Join-Path $out '2026-10' $file)
            $lines | Should -Not -BeNullOrEmpty -Because $file
            $lines | ForEach-Object { $_ | Should -Match $formats[$file] }
        }
        (Get-Content (Join-Path $out 'log' 'bankinsight-2026-10.log') -Raw) | Should -Match 'done; 0 rows rejected'
        (Get-Content (Join-Path $out 'log' 'bankinsight-2026-10.log') -Raw) | Should -Match "churn: drift against the model's training month: score PSI \d\.\d{3}; \d+ major, \d+ moderate feature shifts"
        # The month's report: one page, a section per job, each chart an SVG of the size the page says.
        $page = Get-Content (Join-Path $out '2026-10' 'report.html') -Raw
        foreach ($id in 'churn', 'prospects', 'retail', 'opportunities') { $page | Should -Match "<section id=`"$id`">" }
        $page | Should -Match '<title>BankInsight 2026-10 月度报告 Monthly report</title>'
        $figures = [regex]::Matches($page, '(?s)<figure id="([^"]+)" data-width="(\d+)" data-height="(\d+)">\n(<svg.*?</svg>)')
        $figures.Count | Should -BeGreaterThan 10
        foreach ($f in $figures) { [int]([xml]$f.Groups[4].Value).svg.height | Should -Be ([int]$f.Groups[3].Value) }
    }

    It 'exits 3 and keeps the bad rows aside when files have some' {
        Add-Content (Join-Path $in 'retail_customer.del') '"broken","row"'
        Add-Content (Join-Path $in 'potential_customer_relation.del') '"cut","short"'
        Invoke-MonthlyRun | Should -Be 3
        Get-Content (Join-Path $out 'log' '2026-10-retail_customer.del.rejected.del') | Should -Contain '"broken","row"'
        Get-Content (Join-Path $out 'log' '2026-10-potential_customer_relation.del.rejected.del') | Should -Contain '"cut","short"'
        (Get-Content (Join-Path $out 'log' 'bankinsight-2026-10.log') -Raw) | Should -Match 'done; 2 rows rejected'
    }

    It 'exits 1, says why, and leaves last month''s files when a job cannot run' {
        Remove-Item (Join-Path $in 'potential_customer.del')
        $untouched = 'customer_potential.txt', 'cross_selling.txt', 'product_mining.txt' | ForEach-Object { Join-Path $out '2026-10' $_ }
        $before = Get-FileHash $untouched
        Invoke-MonthlyRun | Should -Be 1
        (Get-Content (Join-Path $out 'log' 'bankinsight-2026-10.log') -Raw) | Should -Match 'FAILED: BankInsight.FileNotFound'
        (Get-FileHash $untouched).Hash | Should -Be $before.Hash
        Get-ChildItem (Join-Path $out '2026-10') -Force -Filter '*.tmp' | Should -BeNullOrEmpty
    }

    It 'exits 1 and logs why when the module cannot be loaded' {
        $logFolder = Join-Path $TestDrive 'no-module-log'
        & (Join-Path $PSHOME 'pwsh') -NoProfile -NonInteractive -File $script -InputFolder $in -OutputFolder (Join-Path $TestDrive 'no-module') -LogFolder $logFolder -Month 2026-10 -Module NoSuchModule | Out-Null
        $LASTEXITCODE | Should -Be 1
        (Get-Content (Join-Path $logFolder 'bankinsight-2026-10.log') -Raw) | Should -Match 'FAILED: Modules_ModuleNotFound'
    }

    It 'exits 0 on the sample month the build makes, with the four files' {
        $sampleOut = Join-Path $TestDrive 'samples-out'
        $samples = Join-Path $PSScriptRoot '..' 'out' 'samples'
        & (Join-Path $PSHOME 'pwsh') -NoProfile -NonInteractive -File $script -InputFolder $samples -OutputFolder $sampleOut -Month 2026-11 -Module $module | Out-Null
        $LASTEXITCODE | Should -Be 0
        foreach ($file in 'customer_losing.txt', 'customer_potential.txt', 'cross_selling.txt', 'product_mining.txt') {
            Get-Content (Join-Path $sampleOut '2026-11' $file) | Should -Not -BeNullOrEmpty -Because $file
        }
    }
}

Describe 'Monthly run, next-month churn' -Tag 'CI' {
    BeforeAll {
        # Three months of the same companies; each month's folder holds that month's exports.
        $months = New-Item -ItemType Directory (Join-Path $TestDrive 'months')
        $null = New-SyntheticCustomerData CorporateChurn 3000 -Seed 5 -Months 3 -AsOf 2026-11-30 -Path (Join-Path $months 'churn.del')
        $nextOut = Join-Path $TestDrive 'next-out'
        function Invoke-Month([string] $Month, [string] $Previous) {
            $folder = Join-Path $TestDrive "in-$Month"
            New-Item -ItemType Directory $folder -Force | Out-Null
            Copy-Item (Join-Path $months "churn-$Month.del") (Join-Path $folder 'customer_losing.del')
            $null = New-SyntheticCustomerData CorporateProspect 500 -Seed 2 -Path (Join-Path $folder 'potential_customer.del')
            $null = New-SyntheticCustomerData ProspectRelation 500 -Seed 2 -Path (Join-Path $folder 'potential_customer_relation.del')
            $null = New-SyntheticCustomerData Retail 1000 -Seed 3 -Path (Join-Path $folder 'retail_customer.del')
            & (Join-Path $PSHOME 'pwsh') -NoProfile -NonInteractive -File $script -InputFolder $folder -OutputFolder $nextOut -Month $Month -Module $module `
                -PreviousChurnFile (Join-Path $months "churn-$Previous.del") | Out-Null
            $LASTEXITCODE
        }
    }

    It 'the first month with a previous export trains the model, checks drift and ranks the warnings by assets at risk' {
        Invoke-Month 2026-10 2026-09 | Should -Be 0
        $results = Join-Path $nextOut '2026-10'
        $lines = @(Get-Content (Join-Path $results 'customer_losing_next_month.txt'))
        $lines | Should -Not -BeNullOrEmpty
        $lines | ForEach-Object { $_ | Should -Match '^"\d+"$' }
        # The file's order is the model's AssetsAtRisk order, highest first.
        $month = Join-Path $months 'churn-2026-10.del'
        $expected = Invoke-ChurnPrediction $month -Model (Join-Path $results 'customer_losing_next_month.model') -Drivers 0 -WarningAction SilentlyContinue |
            Sort-Object AssetsAtRisk -Descending -Stable
        $lines | Should -Be ($expected | ForEach-Object { '"' + $_.CustomerId + '"' })
        $drift = Import-Csv (Join-Path $results 'churn_drift.csv')
        $drift.Count | Should -BeGreaterThan 80
        $log = Get-Content (Join-Path $nextOut 'log' 'bankinsight-2026-10.log') -Raw
        $log | Should -Match 'next-month churn: model trained on 2026-09 and 2026-10, held-out ROC-AUC 0\.\d{3}'
        $log | Should -Match 'next-month churn: drift against 2026-09: score PSI \d\.\d{3}'
        $log | Should -Match "next-month churn: $($lines.Count) customers warned \(churn by 2026-11\)"
        $log | Should -Not -Match 'realised precision'
        # Two drift checks: the same-month model that writes the list, and next month's.
        $page = Get-Content (Join-Path $results 'report.html') -Raw
        $page | Should -Match '<section id="monitoring">'
        $page | Should -Match '<figure id="drift-psi"'
        $page | Should -Match '<figure id="drift-psi-2"'
        $log | Should -Match 'next-month churn: drift against 2026-09: score PSI \d\.\d{3} \((stable|Moderate|Major)\)'
    }

    It 'the month after judges last month''s warnings by this month''s figures' {
        Invoke-Month 2026-11 2026-10 | Should -Be 0
        $log = Get-Content (Join-Path $nextOut 'log' 'bankinsight-2026-11.log') -Raw
        $line = [regex]::Match($log, "next-month churn: last month's (\d+) warnings realised precision (\d+\.\d)%, recall (\d+\.\d)%")
        $line.Success | Should -BeTrue -Because $log
        $warned, $precision = [int]$line.Groups[1].Value, $line.Groups[2].Value
        $warned | Should -Be @(Get-Content (Join-Path $nextOut '2026-10' 'customer_losing_next_month.txt')).Count
        $judged = Test-ChurnModelDrift (Join-Path $months 'churn-2026-10.del') -Model (Join-Path $nextOut '2026-10' 'customer_losing_next_month.model') `
            -PreviousWarningsPath (Join-Path $nextOut '2026-10' 'customer_losing_next_month.txt') -NextMonthPath (Join-Path $months 'churn-2026-11.del') -WarningAction SilentlyContinue
        $precision | Should -Be ('{0:F1}' -f (100 * $judged.RealisedPrecision))
        $judged.RealisedPrecision | Should -BeGreaterThan $judged.ChurnRate -Because 'the warned churn more often than the month as a whole'
    }

    It 'the first month of all, with no previous export, skips next-month churn and says so' {
        $first = Join-Path $TestDrive 'first-out'
        & (Join-Path $PSHOME 'pwsh') -NoProfile -NonInteractive -File $script -InputFolder $in -OutputFolder $first -Month 2026-10 -Module $module | Out-Null
        (Get-Content (Join-Path $first 'log' 'bankinsight-2026-10.log') -Raw) | Should -Match 'next-month churn: skipped, no previous month''s export at .*customer_losing-2026-09\.del \(the first month\)'
        Join-Path $first '2026-10' 'customer_losing_next_month.txt' | Should -Not -Exist
    }
}
