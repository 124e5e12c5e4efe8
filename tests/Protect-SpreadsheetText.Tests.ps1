#Requires -Version 7.4
# Text that a spreadsheet would run as a formula (OWASP's CSV injection) gets an apostrophe on the
# way to Export-Csv / Export-Excel, and nothing else about the objects changes.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '..' 'out' 'BankInsight' 'BankInsight.psd1') -Force
    $samples = Join-Path $PSScriptRoot '..' 'out' 'samples'
}

Describe 'Protect-SpreadsheetText' -Tag 'CI' {
    It 'gives formula-like text an apostrophe and leaves other values, names and order alone' {
        $out = [pscustomobject]@{ CustomerId = '110000000001'; Name = '=HYPERLINK("http://x","y")'; Remark = '+86 755'; Balance = -1200.5; Opened = [datetime]'2024-03-01' } |
            Protect-SpreadsheetText
        $out.PSObject.Properties.Name | Should -Be @('CustomerId', 'Name', 'Remark', 'Balance', 'Opened')
        $out.CustomerId | Should -BeExactly '110000000001'
        $out.Name | Should -BeExactly '''=HYPERLINK("http://x","y")'
        $out.Remark | Should -BeExactly '''+86 755'
        $out.Balance | Should -Be -1200.5
        $out.Balance | Should -BeOfType [double]
        $out.Opened | Should -BeOfType [datetime]
    }

    It 'keeps the type name, so a job result keeps its view and Export-Csv its columns' {
        $found = Find-Prospect (Join-Path $samples 'potential_customer.del') (Join-Path $samples 'potential_customer_relation.del')
        $protected = $found | Protect-SpreadsheetText
        @($protected).Count | Should -Be @($found).Count
        $protected[0].PSObject.TypeNames[0] | Should -Be 'BankInsight.Results.ProspectResult'
        ($protected[0] | Format-Table | Out-String) | Should -Be ($found[0] | Format-Table | Out-String)
        ($protected | ConvertTo-Csv) | Should -Be ($found | ConvertTo-Csv) -Because 'the sample holds no formula-like text'
    }

    It 'is what reaches the CSV file' {
        $path = Join-Path $TestDrive 'names.csv'
        [pscustomobject]@{ Id = '1'; Name = '@SUM(1+1)*cmd|'' /C calc''!A0' } | Protect-SpreadsheetText | Export-Csv $path
        (Import-Csv $path).Name | Should -BeExactly '''@SUM(1+1)*cmd|'' /C calc''!A0'
    }

    It 'passes $null through as nothing' {
        @($null | Protect-SpreadsheetText).Count | Should -Be 0
    }
}

Describe 'Export-BankResult -SpreadsheetSafe' -Tag 'CI' {
    It 'protects text fields and is off by default' {
        $path = Join-Path $TestDrive 'safe.txt'
        $rows = [pscustomobject]@{ CustomerId = '=1+1'; Probability = -0.5 }
        $rows | Export-BankResult $path -Property CustomerId, Probability
        [System.IO.File]::ReadAllText($path) | Should -BeExactly "`"=1+1`",-0.5`n"
        $rows | Export-BankResult $path -Property CustomerId, Probability -SpreadsheetSafe
        [System.IO.File]::ReadAllText($path) | Should -BeExactly "`"'=1+1`",-0.5`n"
    }
}
