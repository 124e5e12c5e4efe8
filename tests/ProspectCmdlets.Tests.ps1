#Requires -Version 7.4
# New-ProspectModel and Find-Prospect.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '..' 'out' 'BankInsight' 'BankInsight.psd1') -Force
    $prospects = Join-Path $TestDrive 'potential_customer.del'
    $relations = Join-Path $TestDrive 'potential_customer_relation.del'
    $null = New-SyntheticCustomerData CorporateProspect 5000 -Seed 3 -Path $prospects
    $null = New-SyntheticCustomerData ProspectRelation 5000 -Seed 3 -Path $relations
}

Describe 'New-ProspectModel' -Tag 'CI' {
    It 'trains with relation features' {
        $model = New-ProspectModel $prospects $relations
        $model.RocAuc | Should -BeGreaterOrEqual 0.85
        $model.Model.Settings['uses_relations'] | Should -Be 'true'
    }

    It 'warns without a relation file' {
        $null = New-ProspectModel $prospects -WarningVariable warned -WarningAction SilentlyContinue
        $warned | Should -Not -BeNullOrEmpty
    }
}

Describe 'Find-Prospect' -Tag 'CI' {
    It 'keeps companies in Guangdong by default' {
        $found = Find-Prospect $prospects $relations
        $found | Should -Not -BeNullOrEmpty
        $found | ForEach-Object { "$($_.RegisteredAddress)$($_.BusinessAddress)" | Should -Match '广东' }
    }

    It 'lists related non-customers after the scored companies with -ExpandRelations' {
        $found = Find-Prospect $prospects $relations -ExpandRelations
        $related = $found | Where-Object Source -eq 'Related'
        $related | Should -Not -BeNullOrEmpty
        $related[0].ViaCustomerId | Should -Not -BeNullOrEmpty
        ($related.CustomerId | Sort-Object -Unique).Count | Should -Be $related.Count
    }

    It 'turns the region filter off with an empty region' {
        (Find-Prospect $prospects $relations -Region '').Count | Should -BeGreaterThan (Find-Prospect $prospects $relations).Count
    }

    It 'writes the bank result file' {
        $txt = Join-Path $TestDrive 'customer_potential.txt'
        Find-Prospect $prospects $relations | Export-BankResult $txt
        (Get-Content $txt)[0] | Should -Match '^"\d{15}"$'
    }
}

Describe 'Find-Prospect -RelatedParty' -Tag 'CI' {
    BeforeAll {
        $all = @(Find-Prospect $prospects $relations -ExpandRelations -RelatedParty All | Where-Object Source -eq 'Related')
        $companies = @(Find-Prospect $prospects $relations -ExpandRelations | Where-Object Source -eq 'Related')
        $persons = @(Find-Prospect $prospects $relations -ExpandRelations -RelatedParty Person | Where-Object Source -eq 'Related')
    }

    It 'lists no person by default, though persons are most related parties' {
        $companies | Should -Not -BeNullOrEmpty
        @($companies | Where-Object PartyKind -eq 'Person').Count | Should -Be 0
        $companies.PartyKind | Sort-Object -Unique | Should -Be 'Company'
        @($all | Where-Object PartyKind -eq 'Person').Count / $all.Count | Should -BeGreaterThan 0.4
    }

    It 'lists the persons, each saying what it is, with -RelatedParty Person' {
        $persons | Should -Not -BeNullOrEmpty
        $persons.PartyKind | Sort-Object -Unique | Should -Be 'Person'
        $persons.RelationFamily | Sort-Object -Unique | Should -Be 'KeyPerson'
        $persons | ForEach-Object { $_.RelationType | Should -Match '^03\d\d$'; $_.ViaCustomerId | Should -Not -BeNullOrEmpty }
        $persons.Count + $companies.Count | Should -Be $all.Count
    }

    It 'exports the classification as text' {
        $csv = $persons | Select-Object -First 1 | ConvertTo-Csv -NoTypeInformation | ConvertFrom-Csv
        $csv.PartyKind | Should -BeExactly 'Person'
        $csv.RelationFamily | Should -BeExactly 'KeyPerson'
        $csv.PartyEvidence | Should -BeExactly 'PersonRelation, PersonName'
    }

    It 'shows the kind in the table and the classification in the list view' {
        $table = $all | Select-Object -First 40 | Format-Table | Out-String -Width 200
        $table | Should -Match 'PartyKind'
        $table | Should -Match 'Person'
        $list = $persons[0] | Format-List | Out-String -Width 200
        $list | Should -Match 'PartyKind\s+: Person'
        $list | Should -Match 'RelationFamily\s+: KeyPerson'
        $list | Should -Match 'PartyEvidence\s+: PersonRelation, PersonName'
    }

    It 'refuses -RelatedParty without -ExpandRelations' {
        { Find-Prospect $prospects $relations -RelatedParty Person -ErrorAction Stop } |
            Should -Throw -ErrorId 'BankInsight.ParameterInvalid,BankInsight.PowerShell.Commands.FindProspectCommand'
    }
}

Describe 'Find-Prospect streams a file it reads' -Tag 'CI' {
    It 'lists the companies and related parties of the loaded file' {
        $fromFile = Find-Prospect -Path $prospects -RelationPath $relations -ExpandRelations -RelatedParty All -Region ''
        $fromData = Import-CustomerData $prospects -Schema CorporateProspect | Find-Prospect -RelationPath $relations -ExpandRelations -RelatedParty All -Region ''
        ($fromFile | Where-Object Source -eq 'Related').Count | Should -BeGreaterThan 0
        ($fromFile | ForEach-Object { "$($_.Source)|$($_.CustomerId)|$($_.Score)|$($_.Drivers)|$($_.ViaCustomerId)" }) |
            Should -Be ($fromData | ForEach-Object { "$($_.Source)|$($_.CustomerId)|$($_.Score)|$($_.Drivers)|$($_.ViaCustomerId)" })
    }
}
