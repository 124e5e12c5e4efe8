#Requires -Version 7.4
# The package users install: build.ps1 -Task Package makes a .nupkg that PSResourceGet installs,
# and the monthly run works from the installed module by name.

BeforeAll {
    $repo = Join-Path $PSScriptRoot '..'
    $artifacts = Join-Path $TestDrive 'artifacts'
    $installed = Join-Path $TestDrive 'modules'
    New-Item -ItemType Directory $installed | Out-Null
}

Describe 'Package' -Tag 'CI' {
    It 'packs the built module into a .nupkg that installs and runs the sample month from the installed module' {
        & (Join-Path $repo 'build.ps1') -Task Package -NoBuild -ArtifactsPath $artifacts 6>$null
        $package = Get-ChildItem (Join-Path $artifacts 'feed') -Filter 'BankInsight.*.nupkg'
        $package | Should -HaveCount 1

        $repository = "BankInsightTest$PID"
        Register-PSResourceRepository -Name $repository -Uri (Join-Path $artifacts 'feed') -Trusted
        try { Save-PSResource -Name BankInsight -Repository $repository -Path $installed -TrustRepository }
        finally { Unregister-PSResourceRepository -Name $repository }
        $manifest = Get-ChildItem $installed -Recurse -Filter 'BankInsight.psd1'
        $manifest | Should -HaveCount 1
        Join-Path $manifest.DirectoryName 'models' 'customer_losing' | Should -Exist
        Join-Path $manifest.DirectoryName 'en-US' 'about_BankInsight.help.txt' | Should -Exist

        # A scheduler's run: a new process that finds the module by name on PSModulePath.
        $out = Join-Path $TestDrive 'run'
        $env:PSModulePath, $saved = "$installed$([IO.Path]::PathSeparator)$env:PSModulePath", $env:PSModulePath
        try {
            & (Join-Path $PSHOME 'pwsh') -NoProfile -NonInteractive -File (Join-Path $repo 'docs' 'examples' 'monthly-run.ps1') `
                -InputFolder (Join-Path $repo 'out' 'samples') -OutputFolder $out -Month 2026-11 -Module BankInsight | Out-Null
            $LASTEXITCODE | Should -Be 0
        }
        finally { $env:PSModulePath = $saved }
        (Get-Content (Join-Path $out 'log' 'bankinsight-2026-11.log') -Raw) | Should -Match 'done; 0 rows rejected'
        # The four jobs' files, and next month's warnings from the sample's previous month.
        (Get-ChildItem (Join-Path $out '2026-11') -Filter '*.txt').Name | Sort-Object |
            Should -Be ('cross_selling.txt', 'customer_losing.txt', 'customer_losing_next_month.txt', 'customer_potential.txt', 'product_mining.txt' | Sort-Object)
    }
}
