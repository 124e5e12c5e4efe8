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
