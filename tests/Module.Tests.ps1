#Requires -Version 7.4

BeforeAll {
    $manifestPath = Join-Path $PSScriptRoot '..' 'out' 'BankInsight' 'BankInsight.psd1'
    Import-Module $manifestPath -Force
}

Describe 'BankInsight module' -Tag 'CI' {
    It 'has a valid manifest' {
        $manifest = Test-ModuleManifest $manifestPath
        $manifest.CompatiblePSEditions | Should -Be @('Core')
        $manifest.PowerShellVersion | Should -Be ([version]'7.4')
    }

    It 'exports exactly the cmdlets the manifest lists' {
        $exported = (Get-Command -Module BankInsight).Name | Sort-Object
        $listed = (Import-PowerShellDataFile $manifestPath).CmdletsToExport | Sort-Object
        $exported | Should -Be $listed
    }

    It 'shows a data set in a table without errors' {
        { New-SyntheticCustomerData Retail 20 | Format-Table | Out-String } | Should -Not -Throw
    }
}
