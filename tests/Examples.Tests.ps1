#Requires -Version 7.4
# Every example a user can copy — each cmdlet's Get-Help examples and the scripts in
# about_BankInsight — runs as written, from a folder laid out like the repository root after the
# build (out/ with the samples and the module, models/). What an example writes lands in that folder.

BeforeDiscovery {
    $moduleManifest = Join-Path $PSScriptRoot '..' 'out' 'BankInsight' 'BankInsight.psd1'
    Import-Module $moduleManifest -Force
    $helpExamples = foreach ($command in Get-Command -Module BankInsight -CommandType Cmdlet | Sort-Object Name) {
        $number = 0
        foreach ($example in (Get-Help $command.Name -Examples).examples.example) {
            $number++
            @{ Command = $command.Name; Number = $number; Title = ($example.title -replace '^-+\s*|\s*-+$', ''); Code = $example.code }
        }
    }
    # about_BankInsight's EXAMPLES: blocks that start with a '# ' comment line, up to a blank line.
    $about = Get-Content (Join-Path $PSScriptRoot '..' 'module' 'en-US' 'about_BankInsight.help.txt') -Raw
    $section = [regex]::Match($about, '(?ms)^EXAMPLES\r?\n(.*?)(?=^\S)').Groups[1].Value
    $aboutExamples = foreach ($block in $section -split '(?:\r?\n){2,}' | Where-Object { $_ -match '^\s+# ' }) {
        $lines = $block -split '\r?\n' | ForEach-Object { $_ -replace '^    ', '' }
        @{ Title = $lines[0].TrimStart('# '); Code = ($lines -join "`n") }
    }
}

BeforeAll {
    $repo = (Resolve-Path (Join-Path $PSScriptRoot '..')).Path
    Import-Module (Join-Path $repo 'out' 'BankInsight' 'BankInsight.psd1') -Force
    . (Join-Path $PSScriptRoot 'Support' 'Export-Excel.StandIn.ps1')
    $root = Join-Path $TestDrive 'repository-root'
    New-Item -ItemType Directory $root | Out-Null
    foreach ($name in 'out', 'models') {
        $link = if ($IsWindows) { 'Junction' } else { 'SymbolicLink' }
        New-Item -ItemType $link -Path (Join-Path $root $name) -Target (Join-Path $repo $name) | Out-Null
    }

    # Runs one example as a user would paste it: in the root folder, every error fatal. Returns what
    # it wrote to the pipeline and the files it left in the root folder.
    function Invoke-Example([string] $Code) {
        Push-Location $root
        try {
            $ErrorActionPreference = 'Stop'
            $ProgressPreference = 'SilentlyContinue'
            $before = @(Get-ChildItem -File | ForEach-Object { "$($_.Name)|$($_.LastWriteTimeUtc.Ticks)" })
            $output = @(& ([scriptblock]::Create($Code)) 3>$null 6>$null)
            $written = @(Get-ChildItem -File | Where-Object { "$($_.Name)|$($_.LastWriteTimeUtc.Ticks)" -notin $before })
            [pscustomobject]@{ Output = $output; Written = $written }
        }
        finally { Pop-Location }
    }
}

AfterAll {
    Remove-Item function:global:Export-Excel -ErrorAction Ignore   # the stand-in, if it was defined here
}

Describe 'Help examples' -Tag 'CI' {
    It 'has at least two examples for every cmdlet' {
        foreach ($command in Get-Command -Module BankInsight -CommandType Cmdlet) {
            @((Get-Help $command.Name -Examples).examples.example).Count | Should -BeGreaterOrEqual 2 -Because "$($command.Name) needs examples"
        }
    }

    It '<Command> example <Number> runs as written: <Title>' -ForEach $helpExamples {
        $result = Invoke-Example $Code
        ($result.Output.Count + $result.Written.Count) | Should -BeGreaterThan 0 -Because 'an example shows something or writes something'
        foreach ($file in $result.Written) { $file.Length | Should -BeGreaterThan 0 -Because "$($file.Name) should hold what the example wrote" }
    }
}

Describe 'about_BankInsight examples' -Tag 'CI' {
    It 'has the monthly scripts among its examples' -ForEach @(@{ Titles = @($aboutExamples.Title) }) {
        @($Titles -match 'monthly').Count | Should -Be 2
    }

    It 'runs as written: <Title>' -ForEach $aboutExamples {
        $result = Invoke-Example $Code
        ($result.Output.Count + $result.Written.Count) | Should -BeGreaterThan 0
    }
}
