#Requires -Version 7.4

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '..' 'out' 'BankInsight' 'BankInsight.psd1') -Force
}

Describe 'New-SyntheticCustomerData' -Tag 'CI' {
    It 'returns a data set without -Path' {
        $data = New-SyntheticCustomerData Retail 500 -Seed 3
        $data.RowCount | Should -Be 500
        $data.Schema.Name | Should -Be 'Retail'
    }

    It 'writes identical files for the same seed' {
        $a = Join-Path $TestDrive 'a.del'
        $b = Join-Path $TestDrive 'b.del'
        New-SyntheticCustomerData CorporateChurn 300 -Seed 11 -Path $a | Should -BeOfType System.IO.FileInfo
        $null = New-SyntheticCustomerData CorporateChurn 300 -Seed 11 -Path $b
        (Get-FileHash $a).Hash | Should -Be (Get-FileHash $b).Hash
    }

    It 'writes nothing with -WhatIf' {
        $path = Join-Path $TestDrive 'whatif.del'
        New-SyntheticCustomerData Retail 10 -Path $path -WhatIf
        Test-Path $path | Should -BeFalse
    }

    It 'replaces a file, as Out-File does, unless -NoClobber' {
        $path = Join-Path $TestDrive 'exists.del'
        Set-Content $path 'keep'
        { New-SyntheticCustomerData Retail 10 -Path $path -NoClobber } | Should -Throw -ErrorId 'BankInsight.OutputExists,BankInsight.PowerShell.Commands.NewSyntheticCustomerDataCommand'
        Get-Content $path | Should -Be 'keep'
        $null = New-SyntheticCustomerData Retail 10 -Path $path
        (Get-Content $path) | Should -HaveCount 10
    }

    It 'writes GB18030 that reads back the same' {
        $path = Join-Path $TestDrive 'gb.del'
        $null = New-SyntheticCustomerData CorporateProspect 50 -Path $path -Encoding gb18030
        $data = Import-CustomerData $path -Schema CorporateProspect
        $data.Summary.EncodingName | Should -Be 'gb18030'
        $data.RowCount | Should -Be 50
    }

    It 'refuses an unknown schema' {
        { New-SyntheticCustomerData Nope 1 } | Should -Throw -ErrorId 'BankInsight.SchemaNotFound,BankInsight.PowerShell.Commands.NewSyntheticCustomerDataCommand'
    }
}
