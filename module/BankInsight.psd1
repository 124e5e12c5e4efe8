@{
    RootModule           = 'BankInsight.PowerShell.dll'
    ModuleVersion        = '{{ModuleVersion}}'
    GUID                 = '5d1f3c1e-7b2a-4c53-9a64-2f0b8e6d4a17'
    Author               = 'BankInsight contributors'
    CompanyName          = 'BankInsight'
    Copyright            = '(c) BankInsight contributors.'
    Description          = 'Customer analytics for a bank''s core-system exports: corporate churn early warning, upstream/downstream prospects, retail segmentation with cross-selling rules, and product opportunities. Reads DB2 .del and CSV files, writes the bank''s .txt result files, and emits typed objects for Export-Csv and Export-Excel.'
    PowerShellVersion    = '7.4'
    CompatiblePSEditions = @('Core')
    FormatsToProcess     = @('BankInsight.format.ps1xml')
    CmdletsToExport      = @(
        'Import-CustomerData'
        'New-SyntheticCustomerData'
        'Get-BankSchema'
        'Export-BankResult'
        'Export-BankReport'
        'Save-BankChart'
        'Protect-SpreadsheetText'
        'New-ChurnModel'
        'Test-ChurnModel'
        'Test-ChurnModelDrift'
        'Invoke-ChurnPrediction'
        'Invoke-ChurnBacktest'
        'New-ProspectModel'
        'Find-Prospect'
        'New-CustomerClusterModel'
        'Get-CustomerCluster'
        'Get-CrossSellRule'
        'Get-CrossSellRecommendation'
        'Find-ProductOpportunity'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('Banking', 'Analytics', 'Churn', 'CrossSelling', 'KMeans', 'AssociationRules', 'GradientBoosting', 'DB2', 'Linux', 'Windows')
            ProjectUri   = 'https://github.com/bankinsight/BankInsight'
            ReleaseNotes = 'See CHANGELOG.md. 0.1.0: data layer (DB2 .del/CSV, GB18030, per-row rejection), learning core (gradient-boosted trees, logistic regression, k-means, FP-Growth/Apriori, TreeSHAP), corporate churn early warning, upstream/downstream prospects, retail segmentation with cross-selling rules and recommendations, product opportunities; pipeline input from Import-Csv, generated help, completers.'
        }
    }
}
