#Requires -Version 7.4
# Export-BankReport, Save-BankChart and the runner's report: every section, every chart an SVG of the
# size the page says, the same bytes for the same results, and the file rules of every writer.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '..' 'out' 'BankInsight' 'BankInsight.psd1') -Force
    $cli = Join-Path $PSScriptRoot '..' 'out' 'cli' 'bankinsight.dll'
    $samples = Join-Path $PSScriptRoot '..' 'out' 'samples'
    $churn = Join-Path $samples 'customer_losing.del'
    $prospectFile = Join-Path $samples 'potential_customer.del'
    $relationFile = Join-Path $samples 'potential_customer_relation.del'
    $retail = Join-Path $samples 'retail_customer.del'
    $quiet = @{ WarningAction = 'SilentlyContinue' }
    $results = @(
        Invoke-ChurnPrediction $churn -IncludeAll -Drivers 1 @quiet
        Test-ChurnModel $churn @quiet
        Test-ChurnModelDrift $churn @quiet
        Find-Prospect $prospectFile $relationFile -ExpandRelations -RelatedParty All @quiet
        Get-CustomerCluster $retail -Profile
        ($rules = Get-CrossSellRule $retail -PerCluster)
        Get-CrossSellRecommendation $retail -Rule $rules
        Find-ProductOpportunity $retail
    )
    $html = Join-Path $TestDrive 'report.html'
    $results | Export-BankReport $html

    # Each figure: its id, the size the page gives, and its SVG parsed as XML.
    function Get-Figure([string] $Path) {
        $text = Get-Content $Path -Raw
        foreach ($m in [regex]::Matches($text, '(?s)<figure id="([^"]+)" data-width="(\d+)" data-height="(\d+)">\n(<svg.*?</svg>)')) {
            [pscustomobject]@{ Id = $m.Groups[1].Value; Width = [int]$m.Groups[2].Value; Height = [int]$m.Groups[3].Value; Svg = [xml]$m.Groups[4].Value }
        }
    }
}

Describe 'Export-BankReport' -Tag 'CI' {
    It 'writes one self-contained page with every section, each chart an SVG of the size the page says' {
        $text = Get-Content $html -Raw
        foreach ($id in 'churn', 'monitoring', 'prospects', 'retail', 'opportunities') { $text | Should -Match "<section id=`"$id`">" }
        $figures = @(Get-Figure $html)
        $figures.Id | Should -Contain 'churn-score-histogram'
        foreach ($id in 'churn-gains', 'churn-lift', 'churn-roc', 'churn-top-features', 'drift-psi', 'prospect-steps', 'prospect-expansion-families',
            'retail-segment-sizes', 'retail-segment-profile', 'retail-holding-rates', 'retail-lift-matrix', 'retail-offers-by-product', 'opportunity-counts') {
            $figures.Id | Should -Contain $id
        }
        foreach ($f in $figures) {
            $f.Svg.svg.NamespaceURI | Should -Be 'http://www.w3.org/2000/svg'
            [int]$f.Svg.svg.width | Should -Be $f.Width -Because $f.Id
            [int]$f.Svg.svg.height | Should -Be $f.Height -Because $f.Id
            $f.Width | Should -BeGreaterThan 100
        }
        # Nothing fetched, nothing run: no script, no external reference.
        $text | Should -Not -Match '<script|https?://(?!www\.w3\.org/2000/svg)|<img|<link'
        $text | Should -Match '流失预警 Churn early warning'
        $text | Should -Match '风险资产最高的 50 条预警'
    }

    It 'shows the top 50 warnings by assets at risk, highest first' {
        $text = Get-Content $html -Raw
        $table = [regex]::Match($text, '(?s)<caption>风险资产最高的.*?</table>').Value
        $rows = [regex]::Matches($table, '<tr><td class="num">\d+</td><td>(\d+)</td>')
        $rows.Count | Should -Be 50
        $expected = $results | Where-Object { $_ -is [BankInsight.Results.ChurnPrediction] -and $_.IsChurn } | Sort-Object AssetsAtRisk -Descending -Stable | Select-Object -First 50
        $rows | ForEach-Object { $_.Groups[1].Value } | Should -Be $expected.CustomerId
    }

    It 'gives the same bytes for the same results, whatever the culture' {
        $again = Join-Path $TestDrive 'again.html'
        $saved = [cultureinfo]::CurrentCulture
        try {
            [cultureinfo]::CurrentCulture = 'de-DE'
            $results | Export-BankReport $again
        }
        finally { [cultureinfo]::CurrentCulture = $saved }
        (Get-FileHash $again).Hash | Should -Be (Get-FileHash $html).Hash
    }

    It 'escapes what people typed: a name is text, never markup' {
        $rows = Import-CustomerData $churn -AsRecord | Select-Object -First 40
        $rows[0].客户名称 = '<script>alert(1)</script>公司'
        $page = Join-Path $TestDrive 'typed.html'
        $rows | Invoke-ChurnPrediction -IncludeAll -Drivers 0 -ProbabilityThreshold 0.0001 @quiet | Export-BankReport $page
        $text = Get-Content $page -Raw
        $text | Should -Not -Match '<script>'
        $text | Should -Match '&lt;script&gt;alert\(1\)&lt;/script&gt;公司'
    }

    It 'refuses an object it cannot draw, and an empty pipeline, leaving last month''s page' {
        $page = Join-Path $TestDrive 'kept.html'
        Set-Content $page 'last month'
        { 'text' | Export-BankReport $page -ErrorAction Stop } | Should -Throw -ErrorId 'BankInsight.ResultValueInvalid,*'
        { @() | Export-BankReport $page } | Should -Throw -ErrorId 'BankInsight.ResultEmpty,*'
        Get-Content $page | Should -Be 'last month'
        $results | Export-BankReport $page -WhatIf
        Get-Content $page | Should -Be 'last month'
        { $results | Export-BankReport $page -NoClobber } | Should -Throw -ErrorId 'BankInsight.OutputExists,*'
        ($results | Export-BankReport $page -PassThru).FullName | Should -Be $page
    }
}

Describe 'Save-BankChart' -Tag 'CI' {
    It 'writes each chart as an SVG file, or those matching -Name' {
        $folder = New-Item -ItemType Directory (Join-Path $TestDrive 'charts')
        $files = @($results | Save-BankChart $folder)
        $files.Count | Should -Be @(Get-Figure $html).Count
        $files.Name | Should -Contain 'churn-roc.svg'
        ([xml](Get-Content (Join-Path $folder 'drift-psi.svg') -Raw)).svg.width | Should -Not -BeNullOrEmpty
        $some = @($results | Save-BankChart $folder -Name 'churn-*' -Force)
        $some.Name | ForEach-Object { $_ | Should -BeLike 'churn-*.svg' }
        { $results | Save-BankChart (Join-Path $TestDrive 'missing') } | Should -Throw -ErrorId 'BankInsight.OutputWriteFailed,*'
    }
}

Describe 'bankinsight report' -Tag 'CI' {
    It 'runs the jobs on the sample month and writes the same kind of page, and the charts one by one' {
        $page = Join-Path $TestDrive 'runner.html'
        $charts = New-Item -ItemType Directory (Join-Path $TestDrive 'runner-charts')
        $out = dotnet $cli report --output_data_path $page --churn_path $churn --prospect_path1 $prospectFile --prospect_path2 $relationFile --retail_path $retail --charts_path $charts 2>$null
        $LASTEXITCODE | Should -Be 0
        $out | Should -Match '^report written to .*: 5 sections, \d+ charts, [\d,]+ bytes$'
        $text = Get-Content $page -Raw
        foreach ($id in 'churn', 'monitoring', 'prospects', 'retail', 'opportunities') { $text | Should -Match "<section id=`"$id`">" }
        $text | Should -Match '已评分企业 Companies scored'
        $figures = @(Get-Figure $page)
        (Get-ChildItem $charts -Filter *.svg).Count | Should -Be $figures.Count
        foreach ($f in $figures) { [int]$f.Svg.svg.width | Should -Be $f.Width }
        # Deterministic: a second run writes the same bytes.
        $second = Join-Path $TestDrive 'runner2.html'
        dotnet $cli report --output_data_path $second --churn_path $churn --prospect_path1 $prospectFile --prospect_path2 $relationFile --retail_path $retail 2>$null | Out-Null
        (Get-FileHash $second).Hash | Should -Be (Get-FileHash $page).Hash
    }
}
