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
        $warnings = Invoke-ChurnPrediction $churn -Drivers 0 | Select-Object -First 2
        $failure = { @($warnings[0], 'stray text', $warnings[1]) | Export-BankResult $path -ErrorAction Continue 2>$null } | Should -Throw -PassThru
        $failure.FullyQualifiedErrorId | Should -BeLike 'BankInsight.ResultValueInvalid,*'
        Get-Content $path -Raw | Should -Be 'last month'
        $warnings | Export-BankResult $path
        Get-Content $path | Should -HaveCount 2
    }

    It 'refuses scores that are not warnings and related parties that are not prospects, saying how to write them' {
        $path = Join-Path $TestDrive 'contract.txt'
        Set-Content $path 'last month' -NoNewline
        $churn = Join-Path $TestDrive 'contract-churn.del'
        $null = New-SyntheticCustomerData CorporateChurn 300 -Seed 4 -Path $churn
        $scored = @(Invoke-ChurnPrediction $churn -IncludeAll -Drivers 0 -WarningAction SilentlyContinue)
        $quiet = @($scored | Where-Object { -not $_.IsChurn })
        $quiet.Count | Should -BeGreaterThan 0
        $failure = $null
        try { $scored | Export-BankResult $path -ErrorAction SilentlyContinue -ErrorVariable bad } catch { $failure = $_ }
        $failure.FullyQualifiedErrorId | Should -BeLike 'BankInsight.ResultValueInvalid,*'
        $failure.Exception.Message | Should -BeLike "$($quiet.Count) object(s) could not be written*The first: Customer $($quiet[0].CustomerId) is not a churn warning*"
        $bad = @($bad | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] -and $_.Exception.Message -like '*not a churn warning*' })
        $bad.Count | Should -Be $quiet.Count
        $bad[0].Exception.Message | Should -BeLike "Customer $($quiet[0].CustomerId) is not a churn warning (IsChurn is false*Where-Object IsChurn*-Property CustomerId*"
        Get-Content $path -Raw | Should -Be 'last month'
        $scored | Where-Object IsChurn | Export-BankResult $path
        Get-Content $path | Should -Be ($scored | Where-Object IsChurn | ForEach-Object { '"' + $_.CustomerId + '"' })
        $scored | Export-BankResult $path -Property CustomerId
        Get-Content $path | Should -HaveCount $scored.Count

        $prospects = Join-Path $TestDrive 'contract-p.del'
        $relations = Join-Path $TestDrive 'contract-r.del'
        $null = New-SyntheticCustomerData CorporateProspect 800 -Seed 2 -Path $prospects
        $null = New-SyntheticCustomerData ProspectRelation 800 -Seed 2 -Path $relations
        $found = @(Find-Prospect $prospects $relations -ExpandRelations -RelatedParty All -WarningAction SilentlyContinue)
        $related = @($found | Where-Object Source -eq Related)
        $related.Count | Should -BeGreaterThan 0
        { $found | Export-BankResult $path -ErrorAction SilentlyContinue } | Should -Throw -ExpectedMessage '*could not be written*'
        $found | Where-Object Source -eq Scored | Export-BankResult $path
        Get-Content $path | Should -HaveCount ($found.Count - $related.Count)
        $related | Export-BankResult (Join-Path $TestDrive 'related.txt') -Property CustomerId, ViaCustomerId, RelationType
        (Get-Content (Join-Path $TestDrive 'related.txt'))[0] | Should -Match '^"\d+","\d+","\d+"$'
    }
}
