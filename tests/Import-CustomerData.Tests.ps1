#Requires -Version 7.4
# Pester 5 tests of Import-CustomerData as a PowerShell user runs it. Run by build.ps1 -Task Test
# in a fresh pwsh (a loaded binary module cannot be unloaded).

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '..' 'out' 'BankInsight' 'BankInsight.psd1') -Force
    $reference = Join-Path $PSScriptRoot 'BankInsight.Core.Tests' 'TestData' 'reference'
    $relationFile = Join-Path $reference 'potential_customer_relation.del'
    $churnFile = Join-Path $reference 'customer_losing.del'
}

Describe 'Import-CustomerData' -Tag 'CI' {
    It 'loads a file into one columnar data set' {
        $data = Import-CustomerData $relationFile -Schema ProspectRelation -ErrorAction SilentlyContinue
        $data | Should -HaveCount 1
        $data.GetType().FullName | Should -Be 'BankInsight.Data.CustomerDataSet'
        $data.RowCount | Should -Be 509
        $data.DroppedColumns | Should -Be @('上级关系类型', '关系内容', '营业执照')
    }

    It 'reports each bad row as a non-terminating error with a stable id and the row as target' {
        $data = Import-CustomerData $relationFile -Schema ProspectRelation -ErrorVariable bad -ErrorAction SilentlyContinue
        $bad | Should -HaveCount 2
        $bad[0].FullyQualifiedErrorId | Should -Be 'BankInsight.RowRejected,BankInsight.PowerShell.Commands.ImportCustomerDataCommand'
        $bad[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $bad[0].TargetObject.Line | Should -Be 509
        $bad[0].TargetObject.Column | Should -Be '是否我行客户'
        $bad[0].TargetObject.Reason | Should -Be 'NotInValueList'
        $bad[0].Exception.Message | Should -BeLike '*line 509, column 8 (是否我行客户)*'
        $data.RowCount | Should -Be 509
    }

    It 'makes bad rows fatal with -ErrorAction Stop' {
        { Import-CustomerData $relationFile -Schema ProspectRelation -ErrorAction Stop } | Should -Throw -ErrorId 'BankInsight.RowRejected,BankInsight.PowerShell.Commands.ImportCustomerDataCommand'
    }

    It 'writes rejected lines verbatim with -RejectPath' {
        $rejects = Join-Path $TestDrive 'rejects.del'
        $null = Import-CustomerData $relationFile -Schema ProspectRelation -RejectPath $rejects -ErrorAction SilentlyContinue
        $lines = Get-Content $rejects
        $lines | Should -HaveCount 2
        $lines[0] | Should -Be (Get-Content $relationFile)[508]
    }

    It 'refuses a file of another layout with one terminating error' {
        { Import-CustomerData $relationFile -Schema Retail } | Should -Throw -ErrorId 'BankInsight.FileLayoutInvalid,BankInsight.PowerShell.Commands.ImportCustomerDataCommand'
    }

    It 'reports a missing file as ObjectNotFound' {
        $err = { Import-CustomerData (Join-Path $TestDrive 'nope.del') -Schema Retail } | Should -Throw -PassThru
        $err.CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'guesses the schema and binds FullName from Get-ChildItem' {
        $data = Get-ChildItem $relationFile | Import-CustomerData -ErrorAction SilentlyContinue -Verbose 4>&1
        ($data | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message | Should -Contain "Schema ProspectRelation chosen for $relationFile from its layout."
        ($data | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }).Schema.Name | Should -Be 'ProspectRelation'
    }

    It 'expands rows with -AsRecord and composes with Export-Csv' {
        $csv = Join-Path $TestDrive 'rows.csv'
        Import-CustomerData (Join-Path $reference 'potential_customer.del') -Schema CorporateProspect -DuplicateId Keep -AsRecord |
            Select-Object -First 3 | Export-Csv $csv -NoTypeInformation -Encoding utf8BOM
        $rows = Import-Csv $csv
        $rows | Should -HaveCount 3
        $rows[0].客户编号 | Should -Be '210090000000000.0'
    }

    It 'keeps duplicate ids with -DuplicateId Keep' {
        (Import-CustomerData $churnFile -Schema CorporateChurn -DuplicateId Keep -ErrorAction SilentlyContinue).RowCount | Should -Be 172
    }

    It 'completes schema names' {
        $line = 'Import-CustomerData x.del -Schema Corp'
        $result = TabExpansion2 -inputScript $line -cursorColumn $line.Length
        $result.CompletionMatches.CompletionText | Should -Be @('CorporateChurn', 'CorporateProspect')
    }
}
