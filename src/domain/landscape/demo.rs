//! The demo's landscape: Nordhaven Logistics' applications and technologies, with real
//! products and their end-of-life dates from the catalog snapshot (endoflife.date, MIT).
//!
//! Kept as text tables (one line per item, `|` between fields) so that it costs little in
//! the wasm. It holds the problems a CIO should spot, each tested below:
//!
//! - two CRMs active side by side (`app-dyn`, `app-sfdc`) until the CRM rollout retires one;
//! - the ERP (`app-ecc`, SAP ECC) on Oracle Database 12.2 and Windows Server 2012 R2, both
//!   past end of support, until the ERP upgrade replaces it;
//! - `app-fleet-old` reaching its end of life with no successor and no initiative;
//! - contradictory dispositions (`app-wms`, `app-intranet`, `app-proc`);
//! - the TMS replacement retiring `app-tms-old` while the customer portal still uses it;
//! - gaps in the data (`app-skills` has no owner, cost, lifecycle or capability).

use super::model::*;
use crate::domain::calendar::Month;
use std::sync::Arc;

/// id|catalog product|cycle|name|category|vendor|version|release|standard support|end of life|extended support
const TECHNOLOGIES: &str = "\
tech-ws2012r2|windows-server|2012-r2|Windows Server|os|Microsoft|2012 R2|2013-11|2018-10|2023-10|2026-10
tech-ws2016|windows-server|2016|Windows Server|os|Microsoft|2016|2016-10|2022-01|2027-01|2030-01
tech-ws2019|windows-server|2019|Windows Server|os|Microsoft|2019|2018-11|2024-01|2029-01|
tech-ws2022|windows-server|2022|Windows Server|os|Microsoft|2022|2021-08|2026-10|2031-10|
tech-rhel7|rhel|7|Red Hat Enterprise Linux|os|Red Hat|7|2014-06|2019-08|2024-06|2029-05
tech-rhel8|rhel|8|Red Hat Enterprise Linux|os|Red Hat|8|2019-05|2024-05|2029-05|2033-05
tech-rhel9|rhel|9|Red Hat Enterprise Linux|os|Red Hat|9|2022-05|2027-05|2032-05|2036-05
tech-ora122|oracle-database|12.2|Oracle Database|database|Oracle|12.2|2017-03||2022-03|
tech-ora19|oracle-database|19|Oracle Database|database|Oracle|19|2019-04||2029-12|2032-12
tech-pg12|postgresql|12|PostgreSQL|database|PostgreSQL Global Development Group|12|2019-10||2024-11|
tech-pg16|postgresql|16|PostgreSQL|database|PostgreSQL Global Development Group|16|2023-09||2028-11|
tech-mssql2016|mssqlserver|13.0-sp3|SQL Server|database|Microsoft|2016 SP3|2021-09|2026-07|2026-07|2029-07
tech-mssql2019|mssqlserver|15.0|SQL Server|database|Microsoft|2019|2019-11|2025-02|2030-01|
tech-mysql57|mysql|5.7|MySQL|database|Oracle|5.7|2015-10|2020-10|2023-10|
tech-mysql80|mysql|8.0|MySQL|database|Oracle|8.0|2018-04|2025-04|2026-04|
tech-jdk8|oracle-jdk|8|Java (Oracle JDK)|lang|Oracle|8|2014-03||2022-03|2030-12
tech-jdk17|oracle-jdk|17|Java (Oracle JDK)|lang|Oracle|17|2021-09||2026-09|2029-09
tech-temurin17|eclipse-temurin|17|Java (Eclipse Temurin)|lang|Eclipse Foundation|17|2021-09||2027-10|
tech-temurin21|eclipse-temurin|21|Java (Eclipse Temurin)|lang|Eclipse Foundation|21|2023-10||2029-12|
tech-dotnetfx48|dotnetfx|4.8|.NET Framework|framework|Microsoft|4.8|2019-04||never|
tech-dotnet6|dotnet|6|.NET|framework|Microsoft|6|2021-11||2024-11|
tech-dotnet8|dotnet|8|.NET|framework|Microsoft|8|2023-11||2026-11|
tech-node18|nodejs|18|Node.js|framework|OpenJS Foundation|18|2022-04|2023-10|2025-04|never
tech-node20|nodejs|20|Node.js|framework|OpenJS Foundation|20|2023-04|2024-10|2026-04|never
tech-py39|python|3.9|Python|lang|Python Software Foundation|3.9|2020-10|2022-05|2025-10|
tech-php74|php|7.4|PHP|lang|The PHP Group|7.4|2019-11|2021-11|2022-11|
tech-tomcat85|tomcat|8.5|Apache Tomcat|server-app|Apache Software Foundation|8.5|2016-03||2024-03|
tech-tomcat9|tomcat|9.0|Apache Tomcat|server-app|Apache Software Foundation|9.0|2017-09||2027-03|
tech-esxi70|vmware-esxi|7.0|VMware ESXi|os|Broadcom|7.0|2020-04||2025-10|
tech-esxi80|vmware-esxi|8.0|VMware ESXi|os|Broadcom|8.0|2022-10||2027-10|
tech-ubuntu1804|ubuntu|18.04|Ubuntu|os|Canonical|18.04 LTS|2018-04|2023-05|2023-05|2028-04
tech-ubuntu2204|ubuntu|22.04|Ubuntu|os|Canonical|22.04 LTS|2022-04|2024-09|2027-04|2032-04
tech-sles125|sles|12.5|SUSE Linux Enterprise Server|os|SUSE|12 SP5|2019-12||2024-10|2027-10
tech-k8s130|kubernetes|1.30|Kubernetes|server-app|CNCF|1.30|2024-04|2025-04|2025-07|
tech-redis72|redis|7.2|Redis|database|Redis|7.2|2023-08|2024-07|2029-12|
tech-mongo44|mongodb|4.4|MongoDB Server|database|MongoDB|4.4|2020-07||2024-02|
tech-es7|elasticsearch|7|Elasticsearch|database|Elastic|7|2019-04||2026-01|
tech-angular12|angular|12|Angular|framework|Google|12|2021-05|2021-11|2022-11|never
tech-sp2013|sharepoint|2013|SharePoint Server|server-app|Microsoft|2013|2013-01|2018-04|2023-04|
tech-citrix715|citrix-vad|7.15|Citrix Virtual Apps and Desktops|app|Citrix|7.15 LTSR|2017-08|2022-08|2022-08|2027-08";

/// The people owning applications, by letter (business owner, then IT owner; `-` for none).
fn person(code: u8) -> &'static str {
    match code {
        b'F' => "Sofia Brandt",
        b'O' => "Jonas Weller",
        b'C' => "Lea Martens",
        b'I' => "Anja Koval",
        b'S' => "Tomasz Nowak",
        b'N' => "Ravi Menon",
        b'A' => "Claire Dubois",
        b'D' => "Mateo Rossi",
        b'V' => "Ingrid Solberg",
        b'G' => "Nadia Haddad",
        b'H' => "Henrik Aalders",
        // The IT-management template's owners are roles, to be replaced by names.
        b'c' => "CIO",
        b'o' => "Head of IT operations",
        b's' => "Head of service management",
        b'k' => "CISO",
        b'p' => "Head of PMO",
        b'f' => "IT finance manager",
        b'e' => "Enterprise architect",
        b'd' => "Head of development",
        _ => "",
    }
}

/// id|name|type|hosting|vendor|owners|criticality|data class|users|plan,phase-in,active,phase-out,end of life|
/// functional fit|technical fit|disposition|successor|run cost (k)|capex (k)|contract end|technologies|capabilities
const APPLICATIONS: &str = "\
app-dyn|Dynamics CRM 2016|cots|on_premises|Microsoft|CA|high|confidential|180|,,2016-05,2026-09,|2|2||app-sfdc|140|0|2026-12|tech-ws2016,tech-mssql2016,tech-dotnetfx48|cap-cust-crm
app-sfdc|Salesforce Sales Cloud|saas|cloud|Salesforce|CA|high|confidential|220|,2025-03,2025-09,,|4|4|||310|0|2028-03||cap-cust-crm,cap-cust-portal
app-portal|Customer portal (myNordhaven)|custom|on_premises||CA|high|confidential|5000|,,2018-04,,|2|2|||95|0||tech-rhel7,tech-tomcat85,tech-jdk8,tech-pg12|cap-cust-portal,cap-cust-portal-track
app-track|Shipment tracking service|custom|cloud||CA|high|internal|5000|,,2021-06,,|3|3|||60|0||tech-k8s130,tech-node18,tech-redis72|cap-cust-portal-track
app-billing|Billing engine|custom|on_premises||FA|mission_critical|confidential|40|,,2012-01,,|3|2|||120|0||tech-ws2016,tech-mssql2016,tech-dotnetfx48|cap-cust-billing
app-einv|E-invoicing hub (Pagero)|saas|cloud|Pagero|FA|medium|confidential|25|2027-06,2027-10,2028-04,,|||||45|60|||cap-cust-billing
app-payments|Online payments (Adyen)|saas|cloud|Adyen|FA|high|restricted|0|2027-06,,2028-04,,|||||30|40|||cap-cust-billing
app-tms-old|TransIT TMS|custom|on_premises|In-house|OA|mission_critical|internal|600|,,2009-01,2027-06,|3|1|migrate|app-tms|420|0||tech-ws2012r2,tech-ora122,tech-jdk8|cap-log-tms
app-tms|Blue Yonder TMS|saas|cloud|Blue Yonder|OA|mission_critical|internal|600|2027-04,2027-10,2028-06,,|||||380|900|2031-06||cap-log-tms
app-wms|Manhattan WMS 2019|cots|on_premises|Manhattan Associates|OA|mission_critical|internal|900|,,2019-05,,|4|2|tolerate||260|0|2028-12|tech-rhel7,tech-ora19,tech-jdk8|cap-log-wms
app-yard|Yard management|cots|on_premises|C3 Solutions|OA|medium|internal|120|,,2017-01,,|3|3|||35|0||tech-ws2016,tech-mssql2016|cap-log-wms
app-fleet-old|Legacy fleet tracker|custom|on_premises|In-house|OA|medium|internal|80|,,2011-01,2026-06,2027-06|2|1|||55|0||tech-ws2012r2,tech-mysql57,tech-php74|cap-log-fleet
app-telematics|Webfleet telematics|saas|cloud|Bridgestone|OA|high|internal|1200|,,2020-03,,|4|4|||150|0|2027-03||cap-log-fleet
app-route|Route optimiser|custom|cloud||OA|high|internal|60|,,2022-01,,|4|3|||70|0||tech-k8s130,tech-py39,tech-pg16|cap-log-tms
app-edi|EDI gateway|cots|on_premises|Seeburger|OA|mission_critical|internal|10|,,2014-01,,|3|2|||90|0||tech-rhel7,tech-jdk8|cap-log-tms,cap-corp-erp-p2p
app-scanner|Handheld scanner app|custom|on_premises||OA|high|internal|700|,,2018-01,,|3|2|||40|0||tech-dotnet6|cap-log-wms
app-ecc|SAP ECC 6.0|cots|on_premises|SAP|FA|mission_critical|confidential|800|,,2008-01,2027-03,|3|1|migrate|app-s4|950|0|2027-12|tech-ws2012r2,tech-ora122|cap-corp-erp,cap-corp-erp-close,cap-corp-erp-p2p
app-s4|SAP S/4HANA Cloud|saas|cloud|SAP|FA|mission_critical|confidential|800|2026-02,2026-09,2027-09,,|||||1100|2400|2033-09||cap-corp-erp,cap-corp-erp-close,cap-corp-erp-p2p
app-consol|Group consolidation (OneStream)|saas|cloud|OneStream|FA|high|confidential|30|,,2021-01,,|4|4|invest||85|0|||cap-corp-erp-close
app-expense|Expense management (SAP Concur)|saas|cloud|SAP|FA|low|confidential|1500|,,2019-01,,|3|4|||60|0|||cap-corp-erp-p2p
app-proc|Procurement portal|custom|on_premises||FA|medium|internal|150|,,2013-01,,|2|1|invest||45|0||tech-ws2012r2,tech-dotnetfx48,tech-mssql2016|cap-corp-erp-p2p
app-hr|Workday HCM|saas|cloud|Workday|HA|high|restricted|1500|,,2020-01,,|4|4|||280|0|2028-12||cap-corp-hr
app-payroll|Payroll (ADP)|saas|third_party|ADP|HA|mission_critical|restricted|1500|,,2015-01,,|3|3|||190|0|||cap-corp-hr
app-time|Time & attendance (Kronos)|cots|on_premises|UKG|HA|medium|restricted|1400|,,2014-06,2027-01,2027-12|2|2||app-hr|50|0||tech-ws2016,tech-mssql2016|cap-corp-hr
app-dwh|Data warehouse|custom|on_premises||DD|high|confidential|200|,,2012-01,2027-06,|2|2||app-lake|210|0||tech-rhel7,tech-ora19|cap-data-platform,cap-data-bi
app-lake|Lakehouse (Databricks)|saas|cloud|Databricks|DD|high|confidential|120|2026-10,2027-03,2027-12,,|||||260|800|||cap-data-platform
app-powerbi|Power BI|saas|cloud|Microsoft|DD|medium|confidential|600|,,2020-01,,|4|4|||90|0|||cap-data-bi
app-qlik|QlikView reports|cots|on_premises|Qlik|DD|low|confidential|150|,,2013-01,2027-01,2028-09|2|2||app-powerbi|55|0||tech-ws2012r2|cap-data-bi
app-mdm|Master data management|custom|on_premises||DD|medium|internal|40|,,2016-01,,|2|3|||40|0||tech-ws2016,tech-mssql2016|cap-data-gov
app-catalog|Data catalogue (Collibra)|saas|cloud|Collibra|DD|low|internal|80|2027-03,,2027-12,,|||||70|150|||cap-data-gov
app-ad|Active Directory|cots|on_premises|Microsoft|SS|mission_critical|restricted|1500|,,2005-01,,|3|3|||60|0||tech-ws2016|cap-grc-iam
app-entra|Microsoft Entra ID|saas|cloud|Microsoft|SS|mission_critical|restricted|1500|,,2020-06,,|4|4|||120|0|||cap-grc-iam,cap-grc-iam-mfa
app-iga|Identity governance (SailPoint)|saas|cloud|SailPoint|SS|high|restricted|1500|2026-05,2026-10,2027-03,,|||||140|350|||cap-grc-iam
app-pam|CyberArk privileged access|saas|cloud|CyberArk|SS|high|restricted|60|2027-04,,2027-10,,|||||90|180|||cap-grc-iam-pam
app-syslog|Central log server|custom|on_premises||SN|medium|confidential|10|,,2012-01,,|1|1|||25|0||tech-ubuntu1804,tech-es7|cap-grc-secops
app-sentinel|Microsoft Sentinel|saas|cloud|Microsoft|SS|high|confidential|20|2026-07,2026-12,2027-06,,|||||210|400|||cap-grc-secops
app-edr|Endpoint protection (Defender)|saas|cloud|Microsoft|SS|high|confidential|1500|,,2021-01,,|4|4|||110|0|||cap-grc-secops,cap-ops-workplace
app-firewall|Firewall management (Panorama)|cots|on_premises|Palo Alto Networks|SN|high|confidential|8|,,2019-01,,|3|3|||70|0||tech-ws2019|cap-grc-network
app-backup|Backup (Veeam)|cots|on_premises|Veeam|SN|mission_critical|confidential|6|,,2018-01,,|3|3|||80|0||tech-ws2019|cap-grc-bcdr
app-grc|GRC tool (ServiceNow IRM)|saas|cloud|ServiceNow|GG|medium|confidential|50|2026-09,,2027-04,,|||||95|220|||cap-grc-audit
app-audit-xls|Audit tracker spreadsheets|end_user|on_premises|Microsoft|G-|low|confidential|15|,,2015-01,,|1|1|||0|0|||cap-grc-audit
app-snow|ServiceNow ITSM|saas|cloud|ServiceNow|VV|high|internal|1500|,2026-03,2026-12,,|||||240|300|||cap-itsm-desk,cap-itsm-incident,cap-itsm-catalogue
app-otrs|OTRS helpdesk|cots|on_premises|OTRS|VV|medium|internal|60|,,2014-01,2026-03,|2|2||app-snow|35|0||tech-sles125,tech-mysql57|cap-itsm-desk,cap-itsm-incident
app-vsphere|VMware vSphere cluster|cots|on_premises|Broadcom|NN|mission_critical|internal|10|,,2015-01,,|3|2|||380|0|2027-06|tech-esxi70|cap-ops-dc
app-azure|Azure landing zone|saas|cloud|Microsoft|NN|high|internal|30|2026-01,,2026-09,,|||||150|0|||cap-ops-cloud
app-sdwan|SD-WAN controller|saas|cloud|Cisco|NN|high|internal|5|2026-06,,2027-03,,|||||60|0|||cap-ops-network
app-intune|Device management (Intune)|saas|cloud|Microsoft|NN|high|internal|1500|,,2021-01,,|4|4|||85|0|||cap-ops-workplace
app-citrix|Citrix virtual desktops|cots|on_premises|Citrix|NN|high|internal|400|,,2017-09,,|2|2|||160|0||tech-citrix715,tech-ws2016|cap-ops-workplace
app-m365|Microsoft 365|saas|cloud|Microsoft|IN|high|confidential|1500|,,2019-01,,|4|4|||540|0|2027-06||cap-ops-workplace
app-intranet|Intranet (SharePoint 2013)|cots|on_premises|Microsoft|IA|low|internal|1500|,,2014-01,,|1|1|invest||40|0||tech-sp2013,tech-ws2012r2,tech-mssql2016|cap-ops-workplace
app-nagios|Nagios monitoring|custom|on_premises||NN|medium|internal|12|,,2012-01,,|2|1|||20|0||tech-ubuntu1804|cap-ops-monitoring
app-dynatrace|Dynatrace|saas|cloud|Dynatrace|NN|high|internal|40|2027-10,,2028-06,,|||||180|250|||cap-ops-monitoring
app-ppm|Planview PPM|saas|cloud|Planview|IA|medium|internal|120|,2026-01,2026-04,,|4|4|||75|0|||cap-ppm-portfolio
app-ea|LeanIX architecture management|saas|cloud|SAP|IA|low|internal|30|2026-07,,2027-02,,|||||40|60|||cap-tech-ea
app-skills|Skills database (Access)|end_user|on_premises|Microsoft|--|low|restricted|20|,,,,|||||0|0|||
app-capacity|Resource planning workbook|end_user|on_premises|Microsoft|I-|low|internal|25|,,2019-01,,|2|3|||0|0|||cap-people-capacity
app-sftp|File transfer server (SFTP)|custom|on_premises||NN|high|confidential|0|,,2010-01,,|2|1|||15|0||tech-rhel7|cap-ops-dc
app-mule|Integration platform (MuleSoft)|saas|cloud|Salesforce|IA|high|confidential|0|,,2022-01,,|4|3|||190|0|2028-01||cap-data-platform
app-wiki|Team wiki (Confluence)|saas|cloud|Atlassian|IA|low|internal|900|,,2020-01,,|3|4|||45|0|||cap-ops-workplace";

/// from|to|name|direction|data
const INTERFACES: &str = "\
app-portal|app-tms-old|Shipment status|inbound|shipments, ETAs
app-portal|app-sfdc|Accounts|inbound|customer accounts
app-track|app-tms-old|Tracking events|inbound|status events
app-route|app-tms-old|Route plans|outbound|routes
app-tms-old|app-ecc|Freight costs|outbound|freight invoices, accruals
app-billing|app-ecc|Invoices|outbound|customer invoices
app-sfdc|app-billing|Contracts|outbound|price agreements
app-edi|app-sftp|EDI files|both|orders, despatch advice
app-ecc|app-sftp|Bank files|outbound|payments
app-wms|app-ecc|Stock|both|stock movements
app-dwh|app-ecc|Finance extract|inbound|ledger
app-qlik|app-dwh|Reports|inbound|KPIs
app-hr|app-payroll|Employees|outbound|employee master data
app-time|app-payroll|Hours|outbound|time sheets
app-entra|app-ad|Identity sync|inbound|accounts, groups
app-snow|app-entra|Users|inbound|accounts";

/// initiative|retires|introduces|month (empty: the initiative's end)
const CHANGES: &str = "\
ini-crm|app-dyn||
ini-erp|app-ecc|app-s4|
ini-tms|app-tms-old|app-tms|
ini-data|app-dwh|app-lake|
ini-bi|app-qlik||
ini-dgov||app-catalog|
ini-iam||app-iga|
ini-pam||app-pam|
ini-siem|app-syslog|app-sentinel|
ini-grc|app-audit-xls|app-grc|
ini-sd|app-otrs|app-snow|
ini-landing||app-azure|
ini-sdwan||app-sdwan|
ini-obs|app-nagios|app-dynatrace|
ini-ea||app-ea|
ini-einvoice||app-einv|
ini-einvoice||app-payments|
ini-dcexit|app-sftp||
ini-euc|app-citrix||";

fn month(text: &str) -> Option<Month> {
    (!text.is_empty()).then(|| Month::parse(text).unwrap_or_else(|_| panic!("demo months are valid")))
}

fn ends(text: &str) -> Ends {
    match text {
        "" => Ends::Unknown,
        "never" => Ends::Never,
        "ended" => Ends::Ended,
        m => Ends::On(Month::parse(m).unwrap_or_else(|_| panic!("demo months are valid"))),
    }
}

fn id(text: &str) -> Option<String> {
    (!text.is_empty()).then(|| text.to_string())
}

fn list(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(',').filter(|t| !t.is_empty()).map(String::from)
}

fn fields(line: &str) -> Vec<&str> {
    line.split('|').collect()
}

/// The demo's landscape (links to the demo's capabilities and initiatives).
pub fn landscape() -> Landscape {
    parse(TECHNOLOGIES, APPLICATIONS, INTERFACES, CHANGES)
}

/// The IT-management template's landscape: the tools an IT organisation runs itself on,
/// named by what they do (the vendor left for the user), each linked to the template's
/// capabilities, with owners as roles. Fits, costs and most dates are left empty for the
/// assessment; the data-quality checks list what to fill in.
pub fn it_management_landscape() -> Landscape {
    parse(TEMPLATE_TECHNOLOGIES, TEMPLATE_APPLICATIONS, TEMPLATE_INTERFACES, "")
}

/// Self-hosted platforms under the template's tools (catalog dates as in the demo).
const TEMPLATE_TECHNOLOGIES: &str = "\
tech-ws2019|windows-server|2019|Windows Server|os|Microsoft|2019|2018-11|2024-01|2029-01|
tech-rhel8|rhel|8|Red Hat Enterprise Linux|os|Red Hat|8|2019-05|2024-05|2029-05|2033-05
tech-pg16|postgresql|16|PostgreSQL|database|PostgreSQL Global Development Group|16|2023-09||2028-11|
tech-mssql2019|mssqlserver|15.0|SQL Server|database|Microsoft|2019|2019-11|2025-02|2030-01|
tech-esxi80|vmware-esxi|8.0|VMware ESXi|os|Broadcom|8.0|2022-10||2027-10|";

/// As [`APPLICATIONS`], for the template.
const TEMPLATE_APPLICATIONS: &str = "\
app-itsm|IT service management platform|saas|cloud||ss|high|confidential|0|,,,,|||||0|0|||cap-itsm-incident,cap-itsm-problem,cap-itsm-change,cap-itsm-catalogue,cap-itsm-slm,cap-itsm-knowledge
app-cmdb|Configuration management database|saas|cloud||so|high|confidential|0|,,,,|||||0|0|||cap-finance-assets,cap-itsm-change
app-monitoring|Infrastructure monitoring|cots|on_premises||oo|high|internal|0|,,,,|||||0|0||tech-rhel8,tech-pg16|cap-ops-monitoring
app-backup|Backup and recovery|cots|on_premises||oo|mission_critical|restricted|0|,,,,|||||0|0||tech-ws2019,tech-mssql2019|cap-ops-backup,cap-grc-bcdr
app-virtualisation|Virtualisation platform|cots|on_premises||oo|mission_critical|confidential|0|,,,,|||||0|0||tech-esxi80|cap-ops-infra
app-endpoint|Unified endpoint management|saas|cloud||oo|high|confidential|0|,,,,|||||0|0|||cap-ops-workplace
app-cicd|Build and deployment pipeline|saas|cloud||dd|high|confidential|0|,,,,|||||0|0|||cap-ops-release,cap-ppm-agile
app-identity|Identity provider and single sign-on|saas|cloud||kk|mission_critical|restricted|0|,,,,|||||0|0|||cap-grc-iam
app-siem|Security event monitoring (SIEM)|saas|cloud||kk|high|restricted|0|,,,,|||||0|0|||cap-grc-secops
app-grc|Governance, risk and compliance|saas|cloud||kk|medium|confidential|0|,,,,|||||0|0|||cap-grc-risk,cap-grc-compliance,cap-grc-infosec
app-ppm|Project and portfolio management|saas|cloud||pp|medium|internal|0|,,,,|||||0|0|||cap-ppm-portfolio,cap-ppm-delivery,cap-ppm-benefits,cap-people-capacity
app-work|Agile work management|saas|cloud||dd|medium|internal|0|,,,,|||||0|0|||cap-ppm-agile,cap-strategy-demand
app-ea|Architecture repository|saas|cloud||ee|low|internal|0|,,,,|||||0|0|||cap-strategy-ea,cap-tech-standards,cap-strategy-planning
app-sam|Software asset and licence management|saas|cloud||ff|medium|confidential|0|,,,,|||||0|0|||cap-finance-licences,cap-finance-assets
app-itfm|IT budget workbook|end_user|on_premises||ff|medium|confidential|0|,,,,|||||0|0|||cap-finance-budget,cap-finance-showback
app-contracts|Contract repository|saas|cloud||ff|medium|confidential|0|,,,,|||||0|0|||cap-tech-vendors,cap-tech-sourcing
app-skills|Skills matrix|end_user|on_premises||cc|low|internal|0|,,,,|||||0|0|||cap-people-skills";

/// As [`INTERFACES`], for the template.
const TEMPLATE_INTERFACES: &str = "\
app-monitoring|app-itsm|Events to incidents|outbound|alerts, events
app-cmdb|app-itsm|Configuration items|both|servers, services, relationships
app-identity|app-itsm|Single sign-on|outbound|identities, groups
app-sam|app-cmdb|Installed software|inbound|software installations
app-endpoint|app-cmdb|Device inventory|outbound|devices
app-siem|app-itsm|Security incidents|outbound|security alerts
app-cicd|app-itsm|Change records|outbound|deployments, changes";

/// The landscape the text tables describe.
fn parse(technologies: &str, applications: &str, interfaces: &str, changes: &str) -> Landscape {
    let technologies = technologies
        .lines()
        .map(|line| {
            let f = fields(line);
            Arc::new(Technology {
                id: f[0].into(),
                name: f[3].into(),
                category: f[4].into(),
                vendor: f[5].into(),
                version: f[6].into(),
                catalog: Some(CatalogLink {
                    product: f[1].into(),
                    cycle: f[2].into(),
                    release: month(f[7]),
                    standard_support: ends(f[8]),
                    end_of_life: ends(f[9]),
                    extended_support: ends(f[10]),
                }),
                ..Technology::default()
            })
        })
        .collect();
    let mut applications: Vec<Application> = applications
        .lines()
        .map(|line| {
            let f = fields(line);
            let d: Vec<Option<Month>> = f[9].split(',').map(month).collect();
            let fit = |t: &str| t.parse().ok();
            let owners = f[5].as_bytes();
            Application {
                id: f[0].into(),
                name: f[1].into(),
                kind: AppType::from_key(f[2]).expect("a demo type"),
                hosting: Hosting::from_key(f[3]).expect("a demo hosting"),
                vendor: f[4].into(),
                business_owner: person(owners[0]).into(),
                it_owner: person(owners[1]).into(),
                criticality: Criticality::from_key(f[6]).expect("a demo criticality"),
                data_classification: DataClass::from_key(f[7]).expect("a demo class"),
                users: f[8].parse().unwrap_or_else(|_| panic!("a demo user count")),
                lifecycle: Lifecycle { plan: d[0], phase_in: d[1], active: d[2], phase_out: d[3], end_of_life: d[4] },
                functional_fit: fit(f[10]),
                technical_fit: fit(f[11]),
                disposition: Disposition::from_key(f[12]),
                successor: id(f[13]),
                run_cost_per_year: f64::from(f[14].parse::<u32>().unwrap_or_else(|_| panic!("a whole demo cost")))
                    * 1e3,
                capex: f64::from(f[15].parse::<u32>().unwrap_or_else(|_| panic!("a whole demo cost"))) * 1e3,
                contract_end: month(f[16]),
                technologies: list(f[17]).collect(),
                capabilities: list(f[18]).map(|capability| Support { capability, fit: None }).collect(),
                ..Application::default()
            }
        })
        .collect();
    for line in interfaces.lines() {
        let f = fields(line);
        let from = applications.iter_mut().find(|a| a.id == f[0]).expect("a demo application");
        from.interfaces.push(Interface {
            to: f[1].into(),
            name: f[2].into(),
            direction: Direction::from_key(f[3]).expect("a demo direction"),
            data: f[4].into(),
        });
    }
    let changes = changes
        .lines()
        .map(|line| {
            let f = fields(line);
            Change { initiative: f[0].into(), retires: id(f[1]), introduces: id(f[2]), month: month(f[3]) }
        })
        .collect();
    Landscape { applications: applications.into_iter().map(Arc::new).collect(), technologies, changes }
}
