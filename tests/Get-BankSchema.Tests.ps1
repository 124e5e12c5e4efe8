#Requires -Version 7.4

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '..' 'out' 'BankInsight' 'BankInsight.psd1') -Force
}

Describe 'Get-BankSchema' -Tag 'CI' {
    It 'lists the four built-in schemas' {
        (Get-BankSchema).Name | Should -Be @('CorporateChurn', 'CorporateProspect', 'ProspectRelation', 'Retail')
    }

    It 'has the dictionary column counts' -TestCases @(
        @{ Name = 'CorporateChurn'; Count = 69 }
        @{ Name = 'CorporateProspect'; Count = 12 }
        @{ Name = 'ProspectRelation'; Count = 12 }
        @{ Name = 'Retail'; Count = 134 }
    ) {
        (Get-BankSchema $Name).ColumnCount | Should -Be $Count
    }

    It 'supports wildcards and reports unknown names' {
        (Get-BankSchema Corp*).Name | Should -Be @('CorporateChurn', 'CorporateProspect')
        $null = Get-BankSchema Nope -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be 'BankInsight.SchemaNotFound,BankInsight.PowerShell.Commands.GetBankSchemaCommand'
    }

    It 'round-trips through -AsJson and -Path' {
        $path = Join-Path $TestDrive 'mine.json'
        Get-BankSchema Retail -AsJson | Set-Content $path -Encoding utf8
        (Get-BankSchema -Path $path).Fingerprint | Should -Be (Get-BankSchema Retail).Fingerprint
    }

    It 'explains what is wrong with a broken schema file' {
        $path = Join-Path $TestDrive 'bad.json'
        '{"name":"X","columns":[{"name":"a","type":"decimal"}]}' | Set-Content $path
        { Get-BankSchema -Path $path } | Should -Throw "*unknown type 'decimal'*"
    }

    It 'exports columns to CSV' {
        $csv = Join-Path $TestDrive 'columns.csv'
        (Get-BankSchema CorporateProspect).Columns | Select-Object Position, Name, Type | Export-Csv $csv -NoTypeInformation
        (Import-Csv $csv) | Should -HaveCount 12
    }
}
