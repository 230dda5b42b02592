#!/usr/bin/env python3
"""Regenerate Pillar's evidence fixtures with Prowler's own code.

Run it with the Python of a virtualenv that has Prowler installed (see README.md):

    python3 -m venv /tmp/evidence/venv
    /tmp/evidence/venv/bin/pip install prowler==5.46.0
    /tmp/evidence/venv/bin/python Tests/Fixtures/evidence/generate.py          # writes the two fixtures
    /tmp/evidence/venv/bin/python Tests/Fixtures/evidence/generate.py --table --findings  # also prints README's tables

No AWS access is used. Each Prowler check below is Prowler's real check class (its real
`execute()`, metadata, title, severity and status text); only the AWS service clients the
checks read from are replaced by fakes holding resources built from Prowler's own service
models. The check reports then go through `Finding.generate_output` (which attaches the
compliance mapping from Prowler's bundled compliance files) and Prowler's `OCSF` writer,
exactly as `prowler aws -M json-ocsf` does.
"""

import os
import random
import sys
import time
import types

# The CLI stamps findings with a naive local `datetime.today()`; OCSF `time` is derived from
# it with the machine's time zone. Pin the zone so the fixtures are the same everywhere.
os.environ["TZ"] = "UTC"
time.tzset()

import importlib  # noqa: E402
from datetime import datetime  # noqa: E402
from pathlib import Path  # noqa: E402

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]

# --------------------------------------------------------------------------------------
# Fake AWS service clients. Check modules do `from ...s3_client import s3_client` at import
# time, so each client module is replaced in sys.modules by one holding a mutable fake; the
# generator refills the fakes' attributes for every account it "scans".
# --------------------------------------------------------------------------------------


class FakeClient(types.SimpleNamespace):
    def _get_trail_arn_template(self, region):  # cloudtrail client helper
        return f"arn:{self.audited_partition}:cloudtrail:{region or self.region}:{self.audited_account}:trail"


CLIENT_MODULES = {
    "s3.s3_client": "s3_client",
    "s3.s3control_client": "s3control_client",
    "rds.rds_client": "rds_client",
    "kms.kms_client": "kms_client",
    "iam.iam_client": "iam_client",
    "cloudtrail.cloudtrail_client": "cloudtrail_client",
    "guardduty.guardduty_client": "guardduty_client",
    "cloudwatch.logs_client": "logs_client",
    "ecr.ecr_client": "ecr_client",
    "cloudfront.cloudfront_client": "cloudfront_client",
    "redshift.redshift_client": "redshift_client",
    "account.account_client": "account_client",
    "ec2.ec2_client": "ec2_client",
    "vpc.vpc_client": "vpc_client",
}
CLIENTS = {}
for _module, _name in CLIENT_MODULES.items():
    _fake = FakeClient()
    _mod = types.ModuleType(f"prowler.providers.aws.services.{_module}")
    setattr(_mod, _name, _fake)
    sys.modules[_mod.__name__] = _mod
    CLIENTS[_name] = _fake

from prowler.config.config import prowler_version, set_output_timestamp  # noqa: E402
from prowler.lib.check.compliance import update_checks_metadata_with_compliance  # noqa: E402
from prowler.lib.check.compliance_models import Compliance  # noqa: E402
from prowler.lib.check.models import CheckMetadata  # noqa: E402
from prowler.lib.outputs.finding import Finding  # noqa: E402
from prowler.lib.outputs.ocsf.ocsf import OCSF  # noqa: E402
from prowler.providers.aws.models import AWSIdentityInfo, AWSOrganizationsInfo  # noqa: E402
from prowler.providers.aws.services.cloudfront.cloudfront_service import (  # noqa: E402
    DefaultCacheConfigBehaviour,
    Distribution,
    Origin,
    ViewerProtocolPolicy,
)
from prowler.providers.aws.services.cloudtrail.cloudtrail_service import Trail  # noqa: E402
from prowler.providers.aws.services.cloudwatch.cloudwatch_service import LogGroup  # noqa: E402
from prowler.providers.aws.services.ecr.ecr_service import Registry, Repository  # noqa: E402
from prowler.providers.aws.services.guardduty.guardduty_service import Detector  # noqa: E402
from prowler.providers.aws.services.iam.iam_service import PasswordPolicy  # noqa: E402
from prowler.providers.aws.services.kms.kms_service import Key  # noqa: E402
from prowler.providers.aws.services.rds.rds_service import DBInstance  # noqa: E402
from prowler.providers.aws.services.redshift.redshift_service import Cluster  # noqa: E402
from prowler.providers.aws.services.s3.s3_service import Bucket, PublicAccessBlock  # noqa: E402

WA_KEY = "AWS-Well-Architected-Framework-Security-Pillar"
PARTITION = "aws"

# Check metadata with every bundled compliance framework attached, as the CLI builds it.
BULK_CHECKS_METADATA = update_checks_metadata_with_compliance(
    Compliance.get_bulk("aws"), CheckMetadata.get_bulk("aws")
)
OUTPUT_OPTIONS = types.SimpleNamespace(
    unix_timestamp=False, bulk_checks_metadata=BULK_CHECKS_METADATA
)

# --------------------------------------------------------------------------------------
# Accounts
# --------------------------------------------------------------------------------------

ORG_ID = "o-exampleorg1"
MANAGEMENT = "100000000001"

# account id -> (workload or None, Organizations account name, OU id, OU path)
ACCOUNTS = {
    "111122223333": ("payments-api", "payments-cde-prod", "ou-ex12-cde00001", "Workloads/CDE"),
    "222233334444": ("analytics-pipeline", "data-platform-prod", "ou-ex12-data0001", "Workloads/Data"),
    "333344445555": ("admin-console", "internal-tools-prod", "ou-ex12-tool0001", "Workloads/Internal"),
    "444455556666": ("marketing-site", "web-prod", "ou-ex12-web00001", "Workloads/Web"),
    "999988887777": (None, None, None, None),  # nobody declares it; scanned without Organizations access
    "123456789012": (None, None, None, None),  # the basic fixture's account
}


def provider_for(account):
    """A stand-in for AwsProvider with only what Finding.generate_output reads."""
    _, name, ou_id, ou_name = ACCOUNTS[account]
    identity = AWSIdentityInfo(
        account=account,
        account_arn=f"arn:{PARTITION}:iam::{account}:root",
        user_id="AROAEXAMPLEPROWLER01:prowler",
        partition=PARTITION,
        identity_arn=f"arn:{PARTITION}:sts::{account}:assumed-role/ProwlerScan/prowler",
        profile="default",
        profile_region="us-east-1",
        audited_regions={"us-east-1", "eu-west-1"},
    )
    if name:
        org = AWSOrganizationsInfo(
            account_email=f"aws+{name}@example.com",
            account_name=name,
            organization_account_arn=f"arn:{PARTITION}:organizations::{MANAGEMENT}:account/{ORG_ID}/{account}",
            organization_arn=f"arn:{PARTITION}:organizations::{MANAGEMENT}:organization/{ORG_ID}",
            organization_id=ORG_ID,
            account_tags={"cost-centre": name.split("-")[0]},
            account_ou_id=ou_id,
            account_ou_name=ou_name,
        )
    else:
        # What AwsProvider keeps when it cannot read Organizations: empty strings.
        org = AWSOrganizationsInfo(
            account_email="",
            account_name="",
            organization_account_arn="",
            organization_arn="",
            organization_id="",
            account_tags=[],
        )
    return types.SimpleNamespace(type="aws", identity=identity, organizations_metadata=org)


def reset_clients(account, region="us-east-1"):
    """Empty every fake client and point it at `account`, as a fresh scan would."""
    for fake in CLIENTS.values():
        fake.__dict__.clear()
        fake.audited_account = account
        fake.audited_account_arn = f"arn:{PARTITION}:iam::{account}:root"
        fake.audited_partition = PARTITION
        fake.region = region
        fake.audit_config = {}
    c = CLIENTS
    c["s3_client"].buckets = {}
    c["s3_client"].account_arn_template = f"arn:{PARTITION}:s3:{region}:{account}:account"
    c["s3control_client"].account_public_access_block = None
    c["rds_client"].db_instances = {}
    c["kms_client"].keys = []
    c["iam_client"].credential_report = []
    c["iam_client"].organization_features = []
    c["iam_client"].account_summary = None
    c["iam_client"].virtual_mfa_devices = []
    c["iam_client"].password_policy = None
    c["iam_client"].mfa_arn_template = f"arn:{PARTITION}:iam::{account}:mfa"
    c["iam_client"].password_policy_arn_template = f"arn:{PARTITION}:iam:{region}:{account}:password-policy"
    c["cloudtrail_client"].trails = {}
    c["cloudtrail_client"].regional_clients = {}
    c["guardduty_client"].detectors = []
    c["logs_client"].log_groups = {}
    c["ecr_client"].registries = {}
    c["cloudfront_client"].distributions = {}
    c["redshift_client"].clusters = []
    c["ec2_client"].security_groups = {}
    c["vpc_client"].vpc_subnets = {}


# --------------------------------------------------------------------------------------
# Resource builders (Prowler's own service models)
# --------------------------------------------------------------------------------------


def bucket(name, region, account, encryption="aws:kms", logging=True, versioning=True, policy=None, tags=()):
    return Bucket(
        arn=f"arn:{PARTITION}:s3:::{name}",
        name=name,
        owner_id="c0ffee" + account,
        owner="aws-" + account,
        region=region,
        encryption=encryption,
        logging=logging,
        logging_target_bucket=f"s3-access-logs-{account}-{region}" if logging else None,
        versioning=versioning,
        public_access_block=PublicAccessBlock(
            block_public_acls=policy is None,
            ignore_public_acls=policy is None,
            block_public_policy=policy is None,
            restrict_public_buckets=policy is None,
        ),
        policy=policy,
        ownership="BucketOwnerEnforced",
        tags=[{"Key": k, "Value": v} for k, v in tags],
    )


def add_buckets(*buckets):
    for b in buckets:
        CLIENTS["s3_client"].buckets[b.arn] = b


def root_credentials(account, mfa=True, keys=0):
    CLIENTS["iam_client"].credential_report = [
        {
            "user": "<root_account>",
            "arn": f"arn:{PARTITION}:iam::{account}:root",
            "user_creation_time": "2019-03-04T10:12:45+00:00",
            "password_enabled": "true",
            "password_last_used": "2026-02-11T09:30:02+00:00",
            "password_last_changed": "2025-05-20T14:02:10+00:00",
            "password_next_rotation": "not_supported",
            "mfa_active": "true" if mfa else "false",
            "access_key_1_active": "true" if keys >= 1 else "false",
            "access_key_1_last_rotated": "N/A",
            "access_key_1_last_used_date": "N/A",
            "access_key_2_active": "true" if keys >= 2 else "false",
            "access_key_2_last_rotated": "N/A",
            "access_key_2_last_used_date": "N/A",
            "cert_1_active": "false",
            "cert_2_active": "false",
        }
    ]
    CLIENTS["iam_client"].account_summary = {"SummaryMap": {"AccountMFAEnabled": 1 if mfa else 0}}


def trail(account, name, home_region, region, validation=True, logging=True):
    return Trail(
        name=name,
        is_multiregion=True,
        home_region=home_region,
        arn=f"arn:{PARTITION}:cloudtrail:{home_region}:{account}:trail/{name}",
        region=region,
        is_logging=logging,
        log_file_validation_enabled=validation,
        s3_bucket=f"org-cloudtrail-{account}",
        kms_key=f"arn:{PARTITION}:kms:{home_region}:{account}:key/6a1c9f0e-cloudtrail",
    )


def detector(account, region, enabled):
    if not enabled:  # what the GuardDuty service model holds when no detector exists
        return Detector(
            id="detector/unknown",
            arn=f"arn:{PARTITION}:guardduty:{region}:{account}:detector/unknown",
            region=region,
            enabled_in_account=False,
        )
    det_id = "12abc34d567e8fa901bc2d34e56789f0"
    return Detector(
        id=det_id,
        arn=f"arn:{PARTITION}:guardduty:{region}:{account}:detector/{det_id}",
        region=region,
        enabled_in_account=True,
        status=True,
        s3_protection=True,
    )


def repository(account, region, name, scan_on_push=True, lifecycle=True):
    return Repository(
        name=name,
        arn=f"arn:{PARTITION}:ecr:{region}:{account}:repository/{name}",
        region=region,
        scan_on_push=scan_on_push,
        immutability="IMMUTABLE",
        policy=None,
        images_details=[],
        lifecycle_policy='{"rules":[{"rulePriority":1,"selection":{"tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days","countNumber":14},"action":{"type":"expire"}}]}'
        if lifecycle
        else None,
    )


def registry(account, region, repositories):
    CLIENTS["ecr_client"].registries[region] = Registry(
        id=account,
        arn=f"arn:{PARTITION}:ecr:{region}:{account}:registry/{account}",
        region=region,
        repositories=repositories,
        scan_type="BASIC",
        rules=[],
    )


# --------------------------------------------------------------------------------------
# Running checks
# --------------------------------------------------------------------------------------

SERVICE_OF = {  # check id prefix -> service package
    "s3": "s3",
    "rds": "rds",
    "kms": "kms",
    "iam": "iam",
    "cloudtrail": "cloudtrail",
    "guardduty": "guardduty",
    "cloudwatch": "cloudwatch",
    "ecr": "ecr",
    "cloudfront": "cloudfront",
    "redshift": "redshift",
    "account": "account",
}


def run_check(check_id, account, keep=None, mute=None):
    """Run Prowler's real check `check_id` against the fake clients and return Findings.

    keep: optional predicate on the check report, to drop reports this scenario does not want.
    mute: optional predicate; matching reports are muted, as a mutelist entry would do.
    """
    service = SERVICE_OF[check_id.split("_")[0]]
    module = importlib.import_module(
        f"prowler.providers.aws.services.{service}.{check_id}.{check_id}"
    )
    check = getattr(module, check_id)()
    reports = check.execute()
    if keep:
        reports = [r for r in reports if keep(r)]
    if mute:
        for r in reports:
            if mute(r):
                r.muted = True
    provider = provider_for(account)
    return [Finding.generate_output(provider, r, OUTPUT_OPTIONS) for r in reports]


def write_ocsf(findings, path):
    """Write `findings` as `prowler ... -M json-ocsf` does."""
    path = Path(path)
    if path.exists():
        path.unlink()  # the writer opens its file in append mode
    OCSF(findings=findings, file_path=str(path)).batch_write_data_to_file()


# --------------------------------------------------------------------------------------
# Scenarios
# --------------------------------------------------------------------------------------


def example_findings():
    f = []

    # payments-api: PASS on practices it claims; ONE FAIL (bucket without access logging,
    # SEC04-BP01, which it claims) and two MANUAL account checks.
    acct = "111122223333"
    reset_clients(acct)
    tags = (("workload", "payments-api"), ("environment", "production"))
    add_buckets(
        bucket("payments-settlement-reports-111122223333", "us-east-1", acct, tags=tags),
        bucket("payments-audit-logs-111122223333", "us-east-1", acct, tags=tags),
        bucket("payments-webhook-archive-111122223333", "eu-west-1", acct, logging=False, tags=tags),
    )
    f += run_check("s3_bucket_default_encryption", acct)
    f += run_check("s3_bucket_server_access_logging_enabled", acct)
    for name, region in (("payments-db", "us-east-1"), ("payments-db-replica", "eu-west-1")):
        CLIENTS["rds_client"].db_instances[f"arn:{PARTITION}:rds:{region}:{acct}:db:{name}"] = DBInstance(
            id=name,
            arn=f"arn:{PARTITION}:rds:{region}:{acct}:db:{name}",
            endpoint={"Address": f"{name}.cexample.{region}.rds.amazonaws.com", "Port": 5432},
            engine="postgres",
            engine_version="16.4",
            status="available",
            public=False,
            encrypted=True,
            backup_retention_period=35,
            cloudwatch_logs=["postgresql"],
            deletion_protection=True,
            auto_minor_version_upgrade=True,
            enhanced_monitoring_arn=None,
            multi_az=name == "payments-db",
            username="payments_admin",
            iam_auth=True,
            cluster_id=None,
            cluster_arn=None,
            region=region,
            tags=[{"Key": k, "Value": v} for k, v in tags],
            replica_source=None if name == "payments-db" else "payments-db",
            ca_cert="rds-ca-rsa2048-g1",
            copy_tags_to_snapshot=True,
            port=5432,
            vpc_id="vpc-0pay0000000000001",
        )
    f += run_check("rds_instance_storage_encrypted", acct)
    for key_id, region in (("3f7b2c1e-0a4d-4e6b-9c8a-1b2c3d4e5f60", "us-east-1"), ("8d9e0f1a-2b3c-4d5e-8f70-819203a4b5c6", "eu-west-1")):
        CLIENTS["kms_client"].keys.append(
            Key(
                id=key_id,
                arn=f"arn:{PARTITION}:kms:{region}:{acct}:key/{key_id}",
                state="Enabled",
                origin="AWS_KMS",
                manager="CUSTOMER",
                rotation_enabled=True,
                policy=None,
                spec="SYMMETRIC_DEFAULT",
                region=region,
                multi_region=False,
                description="payments-api CDE data key",
                aliases=["alias/payments-cde"],
            )
        )
    f += run_check("kms_cmk_rotation_enabled", acct)
    root_credentials(acct, mfa=True, keys=0)
    f += run_check("iam_root_mfa_enabled", acct)
    f += run_check("iam_root_hardware_mfa_enabled", acct)
    f += run_check("iam_no_root_access_key", acct)
    CLIENTS["cloudtrail_client"].regional_clients = {"us-east-1": None, "eu-west-1": None}
    t = trail(acct, "org-trail", "us-east-1", "us-east-1")
    CLIENTS["cloudtrail_client"].trails = {t.arn: t}
    f += run_check("cloudtrail_multi_region_enabled", acct)
    f += run_check("account_maintain_current_contact_details", acct)
    f += run_check("account_security_contact_information_is_registered", acct)

    # analytics-pipeline: PASS on claimed practices; GuardDuty off in both regions (FAIL on
    # SEC04-BP04 and SEC05-BP04 in Prowler's numbering = current SEC04-BP03 and SEC05-BP03,
    # both marked missing); CloudTrail log file validation off (FAIL mapped to current
    # SEC06-BP04, missing, and SEC06-BP01, implemented).
    acct = "222233334444"
    reset_clients(acct, region="eu-west-1")
    add_buckets(
        bucket("analytics-raw-events-222233334444", "eu-west-1", acct, tags=(("workload", "analytics-pipeline"), ("zone", "raw"))),
        bucket("analytics-curated-222233334444", "eu-west-1", acct, tags=(("workload", "analytics-pipeline"), ("zone", "curated"))),
    )
    f += run_check("s3_bucket_default_encryption", acct)
    CLIENTS["s3control_client"].account_public_access_block = PublicAccessBlock(
        block_public_acls=True, ignore_public_acls=True, block_public_policy=True, restrict_public_buckets=True
    )
    f += run_check("s3_bucket_public_access", acct)
    CLIENTS["redshift_client"].clusters = [
        Cluster(
            id="analytics-warehouse",
            arn=f"arn:{PARTITION}:redshift:eu-west-1:{acct}:cluster:analytics-warehouse",
            region="eu-west-1",
            vpc_id="vpc-0data000000000001",
            public_access=False,
            encrypted=True,
            endpoint_address="analytics-warehouse.cexample.eu-west-1.redshift.amazonaws.com",
            allow_version_upgrade=True,
            logging_enabled=True,
            bucket=f"analytics-warehouse-audit-{acct}",
            require_ssl=True,
        )
    ]
    f += run_check("redshift_cluster_public_access", acct)
    f += run_check("redshift_cluster_audit_logging", acct)
    registry(acct, "eu-west-1", [repository(acct, "eu-west-1", "analytics/ingest-job"), repository(acct, "eu-west-1", "analytics/curate-job")])
    f += run_check("ecr_repositories_scan_images_on_push_enabled", acct)
    CLIENTS["guardduty_client"].detectors = [detector(acct, "us-east-1", False), detector(acct, "eu-west-1", False)]
    f += run_check("guardduty_is_enabled", acct)
    t = trail(acct, "data-platform-trail", "eu-west-1", "eu-west-1", validation=False)
    CLIENTS["cloudtrail_client"].trails = {t.arn: t}
    f += run_check("cloudtrail_log_file_validation_enabled", acct)
    CLIENTS["iam_client"].password_policy = PasswordPolicy(
        length=16, symbols=True, numbers=True, uppercase=True, lowercase=True, allow_change=True,
        expiration=False, max_age=None, reuse_prevention=24, hard_expiry=False,
    )
    f += run_check("iam_password_policy_minimum_length_14", acct)

    # admin-console: only PASS findings for two practices it marks missing (current SEC03-BP06,
    # and current SEC05-BP03 = Prowler's SEC05-BP04): the "suggest re-review" case.
    acct = "333344445555"
    reset_clients(acct, region="eu-west-1")
    for name, days in (("/ecs/admin-console", 400), ("/admin-console/audit", 3653)):
        arn = f"arn:{PARTITION}:logs:eu-west-1:{acct}:log-group:{name}"
        CLIENTS["logs_client"].log_groups[arn] = LogGroup(
            arn=arn, name=name, retention_days=days, never_expire=False, kms_id=None, region="eu-west-1",
            tags=[{"Key": "workload", "Value": "admin-console"}],
        )
    f += run_check("cloudwatch_log_group_retention_policy_specific_days_enabled", acct)
    registry(acct, "eu-west-1", [repository(acct, "eu-west-1", "internal-tools/admin-console")])
    f += run_check("ecr_repositories_lifecycle_policy_enabled", acct)
    CLIENTS["guardduty_client"].detectors = [detector(acct, "eu-west-1", True)]
    f += run_check("guardduty_is_enabled", acct)

    # marketing-site: its missing practices (SEC01-BP08, SEC10-BP03) have no Prowler checks in
    # either numbering, so there is no re-review case here. PASS on claimed practices, and a
    # PASS on SEC05-BP01, which it marks n/a.
    acct = "444455556666"
    reset_clients(acct)
    tags = (("workload", "marketing-site"),)
    add_buckets(
        bucket("www-example-com-site", "us-east-1", acct, tags=tags),
        bucket("www-example-com-cdn-logs", "us-east-1", acct, tags=tags),
    )
    f += run_check("s3_bucket_default_encryption", acct)
    f += run_check("s3_bucket_object_versioning", acct)
    dist_id = "E2EXAMPLE0WWW1"
    CLIENTS["cloudfront_client"].distributions[dist_id] = Distribution(
        arn=f"arn:{PARTITION}:cloudfront::{acct}:distribution/{dist_id}",
        id=dist_id,
        region="us-east-1",
        logging_enabled=True,
        default_cache_config=DefaultCacheConfigBehaviour(
            viewer_protocol_policy=ViewerProtocolPolicy.redirect_to_https, field_level_encryption_id=""
        ),
        origins=[
            Origin(
                id="site-bucket",
                domain_name="www-example-com-site.s3.us-east-1.amazonaws.com",
                origin_protocol_policy="",
                origin_ssl_protocols=[],
                origin_access_control="E3OACEXAMPLE01",
            )
        ],
        web_acl_id=f"arn:{PARTITION}:wafv2:us-east-1:{acct}:global/webacl/www-example-com/0c1d2e3f-4a5b-6c7d-8e9f-0a1b2c3d4e5f",
        default_root_object="index.html",
        tags=[{"Key": "workload", "Value": "marketing-site"}],
    )
    f += run_check("cloudfront_distributions_https_enabled", acct)
    f += run_check("cloudfront_distributions_using_waf", acct)
    f += run_check("cloudfront_distributions_logging_enabled", acct)

    # 999988887777: an account no workload declares (and scanned without Organizations
    # access, so account name and org fields are empty strings). One FAIL is muted.
    acct = "999988887777"
    reset_clients(acct)
    public_policy = {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::legacy-downloads-999988887777/*"}],
    }
    add_buckets(bucket("legacy-downloads-999988887777", "us-east-1", acct, encryption="AES256", logging=False, policy=public_policy))
    f += run_check("s3_bucket_public_access", acct)
    f += run_check("s3_bucket_server_access_logging_enabled", acct, mute=lambda r: True)
    root_credentials(acct, mfa=False, keys=1)
    f += run_check("iam_root_mfa_enabled", acct)
    f += run_check("account_security_contact_information_is_registered", acct)
    return f


def basic_findings():
    """Six findings, one account, two checks, for Tests/Fixtures/basic."""
    acct = "123456789012"
    reset_clients(acct)
    add_buckets(
        bucket("shop-assets-123456789012", "us-east-1", acct, encryption="AES256", logging=True),
        bucket("shop-uploads-123456789012", "us-east-1", acct, encryption="aws:kms", logging=False),
        bucket("shop-tmp-123456789012", "eu-west-1", acct, encryption=None, logging=False),
    )
    return run_check("s3_bucket_default_encryption", acct) + run_check(
        "s3_bucket_server_access_logging_enabled", acct
    )


# --------------------------------------------------------------------------------------
# README table
# --------------------------------------------------------------------------------------

# Prowler (older numbering) -> current practice id, for the ids these fixtures contain, matched
# by title against questions/SEC*.md (README.md lists the renumbered ones). Only used for the
# README tables; the fixtures themselves carry Prowler's ids unchanged.
PROWLER_TO_CURRENT = {
    "SEC01-BP02": "SEC01-BP02", "SEC01-BP06": "SEC01-BP06", "SEC02-BP01": "SEC02-BP01",
    "SEC02-BP05": "SEC02-BP05", "SEC03-BP03": "SEC03-BP03", "SEC03-BP06": "SEC03-BP06",
    "SEC03-BP07": "SEC03-BP07", "SEC04-BP01": "SEC04-BP01", "SEC04-BP02": "SEC04-BP02",
    "SEC04-BP03": "SEC04-BP04", "SEC04-BP04": "SEC04-BP03", "SEC05-BP01": "SEC05-BP01",
    "SEC05-BP04": "SEC05-BP03", "SEC06-BP01": "SEC06-BP01", "SEC06-BP02": "SEC06-BP02",
    "SEC06-BP06": "SEC06-BP04", "SEC08-BP02": "SEC08-BP02", "SEC08-BP03": "SEC08-BP03",
    "SEC08-BP04": "SEC08-BP04", "SEC09-BP02": "SEC09-BP02", "SEC10-BP01": "SEC10-BP01",
    "SEC11-BP02": "SEC11-BP02",
}
LATEST_REVIEW = {
    "payments-api": "2026.3", "analytics-pipeline": "2026.2",
    "admin-console": "2026.2", "marketing-site": "2026.2",
}


def claims(workload):
    import re

    text = (REPO / "reviews" / workload / f"{LATEST_REVIEW[workload]}.md").read_text()
    marks = {"x": "implemented", " ": "missing", "n/a": "n/a"}
    return {m.group(2): marks[m.group(1)] for m in re.finditer(r"^- \[(x| |n/a)\] (SEC\d\d-BP\d\d)", text, re.M)}


def table(findings):
    from collections import defaultdict

    rows = defaultdict(lambda: {"PASS": 0, "FAIL": 0, "MANUAL": 0, "muted": 0, "resources": set(), "checks": set()})
    for fd in findings:
        workload = ACCOUNTS[fd.account_uid][0] or f"(undeclared {fd.account_uid})"
        for pid in fd.compliance.get(WA_KEY, []):
            row = rows[(workload, pid)]
            row[fd.status.value] += 1
            row["muted"] += fd.muted
            row["resources"].add(f"{fd.resource_name} ({fd.region})")
            row["checks"].add(fd.metadata.CheckID)
    lines = [
        "| workload | Prowler id | current id | claim | PASS | FAIL | MANUAL | verdict | resources | checks |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for (workload, pid), r in sorted(rows.items()):
        cur = PROWLER_TO_CURRENT.get(pid, "?")
        claim = claims(workload).get(cur, "—") if workload in LATEST_REVIEW else "—"
        fail, passed = r["FAIL"], r["PASS"]
        if claim == "implemented":
            verdict = "disagrees" if fail else ("agrees" if passed else "manual only")
        elif claim == "missing":
            verdict = "agrees" if fail else ("suggest re-review" if passed else "manual only")
        elif claim == "n/a":
            verdict = "n/a (evidence present)"
        else:
            verdict = "no workload"
        muted = f" ({r['muted']} muted)" if r["muted"] else ""
        lines.append(
            f"| {workload} | {pid} | {cur} | {claim} | {passed} | {fail}{muted} | {r['MANUAL']} | {verdict} | "
            f"{', '.join(sorted(r['resources']))} | {', '.join(sorted(r['checks']))} |"
        )
    return md("\n".join(lines))


def md(text):
    """Keep `<root_account>` visible when the tables are rendered as Markdown."""
    return text.replace("<root_account>", "`<root_account>`")


def finding_list(findings):
    lines = [
        "| # | account | workload | check | status_code | status | resource (name, region) | Prowler WA ids | current ids |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for i, fd in enumerate(findings):
        ids = fd.compliance.get(WA_KEY, [])
        lines.append(
            f"| {i} | {fd.account_uid} | {ACCOUNTS[fd.account_uid][0] or '—'} | {fd.metadata.CheckID} | {fd.status.value} | "
            f"{'Suppressed' if fd.muted else 'New'} | {fd.resource_name} ({fd.region}) | {', '.join(ids)} | "
            f"{', '.join(PROWLER_TO_CURRENT.get(x, '?') for x in ids)} |"
        )
    return md("\n".join(lines))


def main():
    random.seed(20261120)  # OCSF scan_id is a UUIDv7 with random bits
    set_output_timestamp(datetime(2026, 11, 20, 8, 0, 0))
    example = example_findings()
    write_ocsf(example, HERE / "prowler-example.ocsf.json")

    random.seed(123456789012)
    set_output_timestamp(datetime(2026, 11, 20, 8, 0, 0, 482913))
    basic = basic_findings()
    write_ocsf(basic, HERE / "prowler-basic.ocsf.json")

    print(f"prowler {prowler_version}: {len(example)} findings in prowler-example.ocsf.json, "
          f"{len(basic)} in prowler-basic.ocsf.json", file=sys.stderr)
    if "--table" in sys.argv:
        print(table(example))
        print()
        print(table(basic).replace("(undeclared 123456789012)", "basic 123456789012"))
    if "--findings" in sys.argv:
        print(finding_list(example))
        print()
        print(finding_list(basic))


if __name__ == "__main__":
    main()
