#Requires -Version 7.4
# Every file BankInsight writes follows one rule (PowerShell's, as Out-File and Export-Csv apply it):
# replace unless -NoClobber, read-only only with -Force, -WhatIf writes nothing, checks before any
# work, and the previous file survives any failure with no temporary file left beside it.

BeforeDiscovery {
    $writers = @(
        @{ Name = 'Export-BankResult'; Write = { param($target, $switches) Invoke-ChurnPrediction $churn -Drivers 0 | Export-BankResult $target @switches } }
        @{ Name = 'New-SyntheticCustomerData'; Write = { param($target, $switches) New-SyntheticCustomerData Retail 50 -Path $target @switches } }
        @{ Name = 'New-ChurnModel'; Write = { param($target, $switches) New-ChurnModel $churn -OutFile $target @switches } }
        @{ Name = 'New-ProspectModel'; Write = { param($target, $switches) New-ProspectModel $prospects -OutFile $target @switches } }
        @{ Name = 'New-CustomerClusterModel'; Write = { param($target, $switches) New-CustomerClusterModel $retail -ClusterCount 2 -InitCount 1 -OutFile $target @switches } }
    )
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '..' 'out' 'BankInsight' 'BankInsight.psd1') -Force
    $churn = Join-Path $TestDrive 'customer_losing.del'
    $prospects = Join-Path $TestDrive 'potential_customer.del'
    $retail = Join-Path $TestDrive 'retail_customer.del'
    $null = New-SyntheticCustomerData CorporateChurn 1500 -Seed 4 -Path $churn
    $null = New-SyntheticCustomerData CorporateProspect 1200 -Seed 6 -Path $prospects
    $null = New-SyntheticCustomerData Retail 1200 -Seed 5 -Path $retail
    $WarningPreference = 'SilentlyContinue'
    $ProgressPreference = 'SilentlyContinue'
    function Get-Leftover([string] $Folder) { @(Get-ChildItem $Folder -Force -Filter '*.tmp') }
}

Describe 'Writing files' -Tag 'CI' {
    BeforeEach {
        $folder = Join-Path $TestDrive ([guid]::NewGuid())
        New-Item -ItemType Directory $folder | Out-Null
        $target = Join-Path $folder 'out.file'
        Set-Content $target 'last month' -NoNewline
    }

    It '<Name> replaces an existing file' -ForEach $writers {
        $null = & $Write $target @{}
        Get-Content $target -Raw | Should -Not -Be 'last month'
        Get-Leftover $folder | Should -BeNullOrEmpty
    }

    It '<Name> -NoClobber refuses, names the file, and leaves it' -ForEach $writers {
        $failure = { & $Write $target @{ NoClobber = $true } } | Should -Throw -PassThru
        $failure.FullyQualifiedErrorId | Should -BeLike 'BankInsight.OutputExists,*'
        $failure.CategoryInfo.Category | Should -Be 'ResourceExists'
        $failure.Exception | Should -BeOfType [System.IO.IOException]
        $failure.TargetObject | Should -Be $target
        Get-Content $target -Raw | Should -Be 'last month'
    }

    It '<Name> replaces a read-only file only with -Force, and it stays read-only' -ForEach $writers {
        Set-ItemProperty $target -Name IsReadOnly -Value $true
        try {
            { & $Write $target @{} } | Should -Throw -ErrorId 'BankInsight.OutputExists*'
            Get-Content $target -Raw | Should -Be 'last month'
            $null = & $Write $target @{ Force = $true }
            Get-Content $target -Raw | Should -Not -Be 'last month'
            (Get-Item $target).IsReadOnly | Should -BeTrue
        }
        finally { Set-ItemProperty $target -Name IsReadOnly -Value $false }
    }

    It '<Name> -WhatIf writes nothing' -ForEach $writers {
        $fresh = Join-Path $folder 'new.file'
        $null = & $Write $fresh @{ WhatIf = $true }
        $fresh | Should -Not -Exist
        Get-Content $target -Raw | Should -Be 'last month'
    }

    It '<Name> reports a missing folder before doing any work' -ForEach $writers {
        $nowhere = Join-Path $folder 'no' 'such' 'folder' 'out.file'
        $said = [System.Collections.Generic.List[object]]::new()
        $failure = $null
        $VerbosePreference = 'Continue'   # every command of the example, not only the writer, says what it does
        try { & $Write $nowhere @{} 4>&1 | ForEach-Object { $said.Add($_) } } catch { $failure = $_ }
        $VerbosePreference = 'SilentlyContinue'
        $failure.FullyQualifiedErrorId | Should -BeLike 'BankInsight.OutputWriteFailed,*'
        $failure.Exception.Message | Should -Match 'does not exist'
        # Nothing was read, trained or generated first: every job says so on the verbose stream.
        @($said | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }) | Should -BeNullOrEmpty
    }

    It 'keeps the old result and leaves no temporary file when the pipeline fails upstream' {
        { Invoke-ChurnPrediction (Join-Path $TestDrive 'missing.del') -ErrorAction Stop | Export-BankResult $target } | Should -Throw -ErrorId 'BankInsight.FileNotFound*'
        Get-Content $target -Raw | Should -Be 'last month'
        Get-Leftover $folder | Should -BeNullOrEmpty
    }

    It 'keeps the old result when the job can read none of its input, even without -ErrorAction Stop' -TestCases @(
        @{ Case = 'a missing file'; Run = { param($t) Invoke-ChurnPrediction (Join-Path $TestDrive 'missing.del') | Export-BankResult $t } }
        @{ Case = 'a missing file through Import-CustomerData'; Run = { param($t) Import-CustomerData (Join-Path $TestDrive 'missing.del') -Schema CorporateChurn | Invoke-ChurnPrediction | Export-BankResult $t } }
        @{ Case = 'a wildcard matching nothing'; Run = { param($t) Invoke-ChurnPrediction (Join-Path $TestDrive 'none-*.del') | Export-BankResult $t } }
        @{ Case = 'Get-ChildItem finding nothing'; Run = { param($t) Get-ChildItem (Join-Path $TestDrive 'none-*.del') | Invoke-ChurnPrediction | Export-BankResult $t } }
        @{ Case = 'a file of another schema'; Run = { param($t) Invoke-ChurnPrediction $retail | Export-BankResult $t } }
    ) {
        $ErrorActionPreference = 'Continue'
        { & $Run $target } | Should -Throw -Because $Case
        Get-Content $target -Raw | Should -Be 'last month'
        Get-Leftover $folder | Should -BeNullOrEmpty
    }

    It 'refuses a second input file for one -RejectPath, however it arrives' {
        $rejects = Join-Path $folder 'rejects.del'
        { Import-CustomerData $churn, $churn -Schema CorporateChurn -RejectPath $rejects } | Should -Throw -ErrorId 'BankInsight.ParameterInvalid*'
        { $churn, $churn | Import-CustomerData -Schema CorporateChurn -RejectPath $rejects } | Should -Throw -ErrorId 'BankInsight.ParameterInvalid*'
    }

    It 'keeps the old result and leaves no temporary file when stopped (Ctrl+C)' {
        $big = Join-Path $TestDrive 'big.del'
        if (-not (Test-Path $big)) { $null = New-SyntheticCustomerData CorporateChurn 20000 -Seed 8 -Path $big }
        $shell = [powershell]::Create()
        try {
            $null = $shell.AddScript({
                    param($module, $big, $target)
                    Import-Module $module
                    Invoke-ChurnPrediction $big -IncludeAll -Drivers 3 | Export-BankResult $target -Property CustomerId, Probability, Drivers
                }).AddArgument((Join-Path $PSScriptRoot '..' 'out' 'BankInsight' 'BankInsight.psd1')).AddArgument($big).AddArgument($target)
            $async = $shell.BeginInvoke()
            $deadline = [DateTime]::UtcNow.AddSeconds(60)
            while (-not (Get-Leftover $folder) -and -not $async.IsCompleted -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }
            Get-Leftover $folder | Should -Not -BeNullOrEmpty -Because 'the stop must come while the file is being written'
            $shell.Stop()
        }
        finally { $shell.Dispose() }
        Get-Content $target -Raw | Should -Be 'last month'
        Get-Leftover $folder | Should -BeNullOrEmpty
    }

    It 'refuses a second data set for one -OutFile instead of replacing the first model' {
        $copy = Join-Path $folder 'again.del'
        Copy-Item $churn $copy
        $model = Join-Path $folder 'churn.model'
        { Get-Item $churn, $copy | New-ChurnModel -OutFile $model } | Should -Throw -ErrorId 'BankInsight.ParameterInvalid*'
        Get-Content $model -TotalCount 1 | Should -Match 'bankinsight'
    }

    It 'writes the encoding asked for, as Out-File names them' {
        $scored = Invoke-ChurnPrediction $churn -Drivers 0 | Select-Object -First 5
        $scored | Export-BankResult $target -Encoding utf8BOM
        [System.IO.File]::ReadAllBytes($target)[0..2] | Should -Be 0xEF, 0xBB, 0xBF
        $scored | Export-BankResult $target
        [System.IO.File]::ReadAllBytes($target)[0] | Should -Be ([byte][char]'"')
        [pscustomobject]@{ CustomerId = '甲' } | Export-BankResult $target -Property CustomerId -Encoding gb18030
        [System.IO.File]::ReadAllBytes($target) | Should -Be 0x22, 0xBC, 0xD7, 0x22, 0x0A
        [pscustomobject]@{ CustomerId = '甲' } | Export-BankResult $target -Property CustomerId -Encoding ([System.Text.Encoding]::GetEncoding('gb18030'))
        [System.IO.File]::ReadAllBytes($target) | Should -Be 0x22, 0xBC, 0xD7, 0x22, 0x0A
        { $scored | Export-BankResult $target -Encoding latin9 } | Should -Throw -ErrorId 'ParameterArgumentTransformationError*'
        $line = 'Export-BankResult x.txt -Encoding utf8'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Contain 'utf8BOM'
    }
}
