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

    It 'writes the same CorporateChurn file as before -Months existed when -Months is not given' {
        $path = Join-Path $TestDrive 'pinned.del'
        $null = New-SyntheticCustomerData CorporateChurn 3000 -Path $path
        (Get-FileHash $path -Algorithm SHA256).Hash | Should -Be 'CBC08A6D07636A6D4609B98E2A359D470833AE5948D1C544E33D40210779ACA0'
    }
}

Describe 'New-SyntheticCustomerData -Months' -Tag 'CI' {
    BeforeEach {
        $folder = Join-Path $TestDrive ([guid]::NewGuid())
        $null = New-Item -ItemType Directory $folder
        $path = Join-Path $folder 'churn.del'
        $names = 'churn-2026-08.del', 'churn-2026-08.oracle.txt', 'churn-2026-09.del', 'churn-2026-09.oracle.txt', 'churn-2026-10.del'
    }

    It 'writes one file a month named after -Path, the oracles beside all but the last, and returns them' {
        $files = New-SyntheticCustomerData CorporateChurn 400 -Seed 3 -Months 3 -Oracle -Path $path
        $files | Should -HaveCount 5
        foreach ($file in $files) { $file | Should -BeOfType System.IO.FileInfo }
        $files.Name | Should -Be $names
        $path | Should -Not -Exist
        (Get-ChildItem $folder -Force).Name | Sort-Object | Should -Be ($names | Sort-Object)
        $august = Import-CustomerData $files[0].FullName -Schema CorporateChurn
        $august.RowCount | Should -Be 400
        $oracle = Get-Content $files[1].FullName
        $oracle | Should -HaveCount 400
        $oracle[0] | Should -Match '^"\d{15}",(0(\.\d{1,6})?|1)$'
        $oracle[0].Split(',')[0].Trim('"') | Should -Be $august.Ids[0]
    }

    It 'writes identical months for the same seed' {
        $first = New-SyntheticCustomerData CorporateChurn 300 -Seed 11 -Months 2 -Path $path
        $hashes = ($first | Get-FileHash).Hash
        $again = New-SyntheticCustomerData CorporateChurn 300 -Seed 11 -Months 2 -Path $path
        ($again | Get-FileHash).Hash | Should -Be $hashes
    }

    It 'writes nothing with -WhatIf' {
        New-SyntheticCustomerData CorporateChurn 50 -Months 3 -Oracle -Path $path -WhatIf | Should -BeNullOrEmpty
        Get-ChildItem $folder -Force | Should -BeNullOrEmpty
    }

    It 'refuses with -NoClobber when any month exists, before writing anything' {
        Set-Content (Join-Path $folder 'churn-2026-10.del') 'keep'
        { New-SyntheticCustomerData CorporateChurn 50 -Months 3 -Path $path -NoClobber } |
            Should -Throw -ErrorId 'BankInsight.OutputExists,BankInsight.PowerShell.Commands.NewSyntheticCustomerDataCommand'
        (Get-ChildItem $folder -Force).Name | Should -Be 'churn-2026-10.del'
        Get-Content (Join-Path $folder 'churn-2026-10.del') | Should -Be 'keep'
    }

    It 'replaces a read-only month only with -Force, before writing anything, and it stays read-only' {
        $october = Join-Path $folder 'churn-2026-10.del'
        Set-Content $october 'keep'
        Set-ItemProperty $october -Name IsReadOnly -Value $true
        try {
            $failure = { New-SyntheticCustomerData CorporateChurn 50 -Months 3 -Path $path } | Should -Throw -PassThru
            $failure.FullyQualifiedErrorId | Should -Be 'BankInsight.OutputExists,BankInsight.PowerShell.Commands.NewSyntheticCustomerDataCommand'
            $failure.Exception.Message | Should -Match '-Force'
            (Get-ChildItem $folder -Force).Name | Should -Be 'churn-2026-10.del'
            $null = New-SyntheticCustomerData CorporateChurn 50 -Months 3 -Path $path -Force
            @(Get-Content $october).Count | Should -BeGreaterThan 40   # October's companies: 50 less the leavers plus the joiners
            (Get-Item $october).IsReadOnly | Should -BeTrue
        }
        finally { Set-ItemProperty $october -Name IsReadOnly -Value $false }
    }

    It 'refuses -Months for <Schema>' -ForEach @{ Schema = 'Retail' }, @{ Schema = 'CorporateProspect' } {
        $failure = { New-SyntheticCustomerData $Schema 10 -Months 2 -Path $path } | Should -Throw -PassThru
        $failure.FullyQualifiedErrorId | Should -Be 'BankInsight.ParameterInvalid,BankInsight.PowerShell.Commands.NewSyntheticCustomerDataCommand'
        $failure.Exception.Message | Should -Match 'only for CorporateChurn'
        Get-ChildItem $folder -Force | Should -BeNullOrEmpty
    }

    It 'refuses -Oracle without -Months' {
        { New-SyntheticCustomerData CorporateChurn 10 -Oracle -Path $path } |
            Should -Throw -ErrorId 'BankInsight.ParameterInvalid,BankInsight.PowerShell.Commands.NewSyntheticCustomerDataCommand'
        Get-ChildItem $folder -Force | Should -BeNullOrEmpty
    }

    It 'refuses -Months <_> at binding' -ForEach 0, 121 {
        { New-SyntheticCustomerData CorporateChurn 10 -Months $_ -Path $path } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,BankInsight.PowerShell.Commands.NewSyntheticCustomerDataCommand'
    }
}
