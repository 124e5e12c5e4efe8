#Requires -Version 7.4
# The README's analyst tour runs as written (on the build's sample files).

BeforeAll {
    $root = Join-Path $PSScriptRoot '..'
    $tour = Join-Path $root 'docs' 'examples' 'analyst-tour.ps1'
    . (Join-Path $PSScriptRoot 'Support' 'Export-Excel.StandIn.ps1')   # so the tour's Excel step runs too
}

AfterAll {
    Remove-Item function:global:Export-Excel -ErrorAction Ignore
}

Describe 'Analyst tour' -Tag 'CI' {
    It 'runs without errors and leaves its CSV files' {
        $output = Join-Path $TestDrive 'tour'
        $ErrorActionPreference = 'Stop'   # the tour is a plain script: any error fails the test
        $null = & $tour -Samples (Join-Path $root 'out' 'samples') -Module (Join-Path $root 'out' 'BankInsight') -Output $output 6>&1
        foreach ($file in 'warnings.csv', 'warnings.xlsx', 'few.csv', 'segments.csv', 'recommendations.csv', 'insurance.csv') {
            Join-Path $output $file | Should -Exist
        }
        (Import-Csv (Join-Path $output 'insurance.csv')).Count | Should -Be 100
        # The month in pictures: every section the tour's results fill, and the heat map on its own.
        $page = Get-Content (Join-Path $output 'report.html') -Raw
        foreach ($id in 'churn', 'monitoring', 'prospects', 'retail', 'opportunities') { $page | Should -Match "<section id=`"$id`">" }
        $page | Should -Match '<figure id="retail-segment-profile"'
        $svg = [xml](Get-Content (Join-Path $output 'charts' 'retail-segment-profile.svg') -Raw)
        [int]$svg.svg.width | Should -Be 1400
    }
}
