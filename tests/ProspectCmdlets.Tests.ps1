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
