/// Prowler's Well-Architected security pillar requirement ids (its compliance file
/// `aws_well_architected_framework_security_pillar_aws.json`, prowler 5.46.0) follow an older
/// revision's numbering; each maps to the current practice with the same AWS page
/// (`WellArchitectedPracticeId`), or where the page was renamed, the same title. Requirements with
/// no current counterpart are left out and count as unmapped (`docs/evidence.md`).
enum ProwlerWellArchitected {
  static let framework = "AWS-Well-Architected-Framework-Security-Pillar"

  static let current: [String: String] = [
    // sec_securely_operate_multi_accounts
    "SEC01-BP01": "SEC01-BP01",
    // sec_securely_operate_aws_account
    "SEC01-BP02": "SEC01-BP02",
    // sec_securely_operate_control_objectives
    "SEC01-BP03": "SEC01-BP03",
    // sec_securely_operate_updated_threats
    "SEC01-BP04": "SEC01-BP04",
    // sec_securely_operate_updated_recommendations (by title: SEC01-BP05 Keep up-to-date with security recommendations)
    "SEC01-BP05": "SEC01-BP04",
    // sec_securely_operate_threat_model
    "SEC01-BP07": "SEC01-BP07",
    // sec_securely_operate_implement_services_features
    "SEC01-BP08": "SEC01-BP08",
    // sec_identities_enforce_mechanisms
    "SEC02-BP01": "SEC02-BP01",
    // sec_identities_unique
    "SEC02-BP02": "SEC02-BP02",
    // sec_identities_secrets
    "SEC02-BP03": "SEC02-BP03",
    // sec_identities_identity_provider
    "SEC02-BP04": "SEC02-BP04",
    // sec_identities_audit
    "SEC02-BP05": "SEC02-BP05",
    // sec_identities_groups_attributes
    "SEC02-BP06": "SEC02-BP06",
    // sec_permissions_define
    "SEC03-BP01": "SEC03-BP01",
    // sec_permissions_least_privileges
    "SEC03-BP02": "SEC03-BP02",
    // sec_permissions_emergency_process
    "SEC03-BP03": "SEC03-BP03",
    // sec_permissions_continuous_reduction
    "SEC03-BP04": "SEC03-BP04",
    // sec_permissions_define_guardrails
    "SEC03-BP05": "SEC03-BP05",
    // sec_permissions_lifecycle
    "SEC03-BP06": "SEC03-BP06",
    // sec_permissions_analyze_cross_account
    "SEC03-BP07": "SEC03-BP07",
    // sec_permissions_share_securely
    "SEC03-BP08": "SEC03-BP08",
    // sec_detect_investigate_events_app_service_logging
    "SEC04-BP01": "SEC04-BP01",
    // sec_detect_investigate_events_analyze_all (by title: SEC04-BP02 Analyze logs, findings, and metrics centrally)
    "SEC04-BP02": "SEC04-BP02",
    // sec_detect_investigate_events_auto_response (by title: SEC04-BP03 Automate response to events)
    "SEC04-BP03": "SEC04-BP04",
    // sec_detect_investigate_events_actionable_events (by title: SEC04-BP04 Implement actionable security events)
    "SEC04-BP04": "SEC04-BP03",
    // sec_network_protection_create_layers
    "SEC05-BP01": "SEC05-BP01",
    // sec_network_protection_layered
    "SEC05-BP02": "SEC05-BP02",
    // sec_network_protection_auto_protect (by title: SEC05-BP03 Automate network protections)
    "SEC05-BP03": "SEC05-BP04",
    // sec_network_protection_inspection
    "SEC05-BP04": "SEC05-BP03",
    // sec_protect_compute_vulnerability_management
    "SEC06-BP01": "SEC06-BP01",
    // sec_protect_compute_auto_protection
    "SEC06-BP04": "SEC06-BP05",
    // sec_protect_compute_actions_distance (by title: SEC06-BP05 Enable people to perform actions at a distance)
    "SEC06-BP05": "SEC06-BP03",
    // sec_protect_compute_validate_software_integrity
    "SEC06-BP06": "SEC06-BP04",
    // sec_data_classification_identify_data
    "SEC07-BP01": "SEC07-BP01",
    // sec_data_classification_define_protection
    "SEC07-BP02": "SEC07-BP02",
    // sec_data_classification_auto_classification
    "SEC07-BP03": "SEC07-BP03",
    // sec_data_classification_lifecycle_management
    "SEC07-BP04": "SEC07-BP04",
    // sec_protect_data_rest_key_mgmt
    "SEC08-BP01": "SEC08-BP01",
    // sec_protect_data_rest_encrypt
    "SEC08-BP02": "SEC08-BP02",
    // sec_protect_data_rest_automate_protection
    "SEC08-BP03": "SEC08-BP03",
    // sec_protect_data_rest_access_control
    "SEC08-BP04": "SEC08-BP04",
    // sec_protect_data_transit_key_cert_mgmt
    "SEC09-BP01": "SEC09-BP01",
    // sec_protect_data_transit_encrypt
    "SEC09-BP02": "SEC09-BP02",
    // sec_protect_data_transit_authentication
    "SEC09-BP04": "SEC09-BP03",
    // sec_incident_response_identify_personnel
    "SEC10-BP01": "SEC10-BP01",
    // sec_incident_response_develop_management_plans
    "SEC10-BP02": "SEC10-BP02",
    // sec_incident_response_prepare_forensic
    "SEC10-BP03": "SEC10-BP03",
    // sec_incident_response_pre_provision_access
    "SEC10-BP05": "SEC10-BP05",
    // sec_incident_response_pre_deploy_tools
    "SEC10-BP06": "SEC10-BP06",
    // sec_incident_response_run_game_days
    "SEC10-BP07": "SEC10-BP07",
    // sec_appsec_automate_testing_throughout_lifecycle
    "SEC11-BP02": "SEC11-BP02",
  ]
}
