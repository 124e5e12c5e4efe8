#Requires -Version 7.4

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '..' 'out' 'BankInsight' 'BankInsight.psd1') -Force
}

Describe 'Export-BankResult' -Tag 'CI' {
    It 'writes the bank format from chosen properties' {
        $path = Join-Path $TestDrive 'out.txt'
        @(
            [pscustomobject]@{ CustomerId = '210090012199785'; Probability = 0.873 }
            [pscustomobject]@{ CustomerId = 'say "hi"'; Probability = $null }
        ) | Export-BankResult $path -Property CustomerId, Probability
        [System.IO.File]::ReadAllText($path) | Should -Be "`"210090012199785`",0.873`n`"say `"`"hi`"`"`",`n"
    }

    It 'writes no BOM unless asked' {
        $path = Join-Path $TestDrive 'bom.txt'
        'a' | Export-BankResult $path
        [System.IO.File]::ReadAllBytes($path)[0] | Should -Be ([byte][char]'"')
        'a' | Export-BankResult $path -Encoding utf8BOM
        [System.IO.File]::ReadAllBytes($path)[0..2] | Should -Be @(0xEF, 0xBB, 0xBF)
    }

    It 'honours -WhatIf' {
        $path = Join-Path $TestDrive 'whatif.txt'
        'a' | Export-BankResult $path -WhatIf
        Test-Path $path | Should -BeFalse
    }

    It 'keeps the old file when an object cannot be written' {
        $path = Join-Path $TestDrive 'keep.txt'
        Set-Content $path 'last month' -NoNewline
        {
            @([pscustomobject]@{ CustomerId = 'c1' }, [pscustomobject]@{ Other = 1 }) |
                Export-BankResult $path -Property CustomerId -ErrorAction Continue 2>$null
        } | Should -Throw -ErrorId 'BankInsight.ResultValueInvalid,BankInsight.PowerShell.Commands.ExportBankResultCommand'
        Get-Content $path -Raw | Should -Be 'last month'
    }

    It 'passes the file through with -PassThru, as Get-Item returns it' {
        $path = Join-Path $TestDrive 'pass.txt'
        $file = 'x' | Export-BankResult $path -PassThru
        $file.FullName | Should -Be $path
        $file.PSPath | Should -Not -BeNullOrEmpty
        $file.Length | Should -Be 4
    }

    It 'keeps one kind of result per file, and the old file when kinds are mixed' {
        $path = Join-Path $TestDrive 'mixed.txt'
        Set-Content $path 'last month' -NoNewline
        $churn = Join-Path $TestDrive 'mixed-churn.del'
        $null = New-SyntheticCustomerData CorporateChurn 300 -Seed 3 -Path $churn
        $warnings = Invoke-ChurnPrediction $churn -IncludeAll -Drivers 0 | Select-Object -First 2
        $failure = { @($warnings[0], 'stray text', $warnings[1]) | Export-BankResult $path -ErrorAction Continue 2>$null } | Should -Throw -PassThru
        $failure.FullyQualifiedErrorId | Should -BeLike 'BankInsight.ResultValueInvalid,*'
        Get-Content $path -Raw | Should -Be 'last month'
        $warnings | Export-BankResult $path
        Get-Content $path | Should -HaveCount 2
    }
}
