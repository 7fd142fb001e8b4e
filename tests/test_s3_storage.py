"""Uploaded files in an S3-compatible object store (S3_BUCKET; qms/settings.py): editions and
certificate scans are written to the bucket privately, read back only through the views that
check who asks, never overwritten, and no page gives out the store's address. The store is a
real S3 HTTP API (moto's server, on a free port of 127.0.0.1), spoken to by boto3 as it would
speak to any S3-compatible service."""

import datetime

import boto3
import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from certificates.models import CertificateStatus
from qms.benchmarking import free_port
from tests import factories
from tests.helpers import production_values

pytestmark = pytest.mark.django_db

BUCKET = "qms-pliki"
KEYS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}


@pytest.fixture(scope="module")
def s3_server():
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_server, settings):
    """A new bucket, and the portal's default storage in it (as S3_BUCKET would set it)."""
    client = boto3.client("s3", endpoint_url=s3_server, region_name="eu-central-1", **KEYS)
    client.create_bucket(
        Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-central-1"}
    )
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                **production_values(
                    {"options": 'settings.STORAGES["default"]["OPTIONS"]'},
                    env={"S3_BUCKET": BUCKET, "S3_PREFIX": "pliki"},
                )["options"],
                "endpoint_url": s3_server,
                "region_name": "eu-central-1",
                "access_key": KEYS["aws_access_key_id"],
                "secret_key": KEYS["aws_secret_access_key"],
            },
        },
    }
    yield client
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=BUCKET):
        for item in page.get("Contents", []):
            client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def keys(client):
    return sorted(item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []))


def test_the_setting_names_a_private_store_that_never_overwrites():
    options = production_values(
        {"storage": 'settings.STORAGES["default"]'},
        env={"S3_BUCKET": BUCKET, "S3_ENDPOINT_URL": "https://s3.x"},
    )["storage"]
    assert options["BACKEND"] == "storages.backends.s3.S3Storage"
    assert options["OPTIONS"]["default_acl"] == "private"
    assert options["OPTIONS"]["file_overwrite"] is False
    assert options["OPTIONS"]["endpoint_url"] == "https://s3.x"
    # Without S3_BUCKET, the folder on disk (a shared mount with several servers).
    plain = production_values({"backend": 'settings.STORAGES["default"]["BACKEND"]'})["backend"]
    assert plain == "django.core.files.storage.FileSystemStorage"


def test_an_edition_goes_to_the_bucket_privately_and_comes_back_only_to_who_may_read_it(
    bucket, client, client_as, owner, employee, coordinator
):
    document = factories.document()
    draft = factories.draft_version(document, author=owner)
    assert default_storage.__class__.__name__ == "S3Storage"
    (key,) = keys(bucket)
    assert key == f"pliki/{draft.file.name}"
    stored = bucket.get_object(Bucket=BUCKET, Key=key)["Body"].read()
    # Private: only the owner of the bucket holds a grant; nobody else may read the object.
    grants = bucket.get_object_acl(Bucket=BUCKET, Key=key)["Grants"]
    assert [grant["Permission"] for grant in grants] == ["FULL_CONTROL"]
    assert all(grant["Grantee"]["Type"] == "CanonicalUser" for grant in grants)

    url = reverse("intranet:version_download", args=[draft.pk])
    assert client.get(url).status_code == 302  # to the sign-in page
    assert client_as(employee).get(url).status_code == 403  # a draft is not theirs to read
    response = client_as(coordinator).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == stored
    # No page names the store: the document's page links the portal's own download.
    page = client_as(coordinator).get(document.get_absolute_url()).content.decode()
    assert "127.0.0.1:" not in page and BUCKET not in page


def test_a_second_file_of_the_same_name_gets_a_name_of_its_own(bucket, owner):
    document = factories.document()
    first = factories.draft_version(document, author=owner, upload=factories.pdf_upload("a.pdf"))
    same = default_storage.save(first.file.name, SimpleUploadedFile("a.pdf", b"%PDF-1.4 other"))
    assert same != first.file.name
    assert first.file.open("rb").read() != b"%PDF-1.4 other"


def test_a_withdrawn_certificates_scan_in_the_bucket_stays_for_staff(
    bucket, client, client_as, auditor
):
    certificate = factories.certificate(
        status=CertificateStatus.WITHDRAWN,
        status_changed_on=datetime.date(2025, 1, 10),
        scan=SimpleUploadedFile("skan.pdf", factories.PDF_BYTES),
    )
    assert keys(bucket) == [f"pliki/{certificate.scan.name}"]
    url = reverse("public:certificate_scan", args=[certificate.pk])
    assert client.get(url).status_code == 302
    response = client_as(auditor).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == factories.PDF_BYTES


def test_a_backup_says_the_files_in_the_bucket_are_not_in_it(bucket, owner, settings, tmp_path):
    import io

    from django.core.management import call_command

    settings.S3_BUCKET = BUCKET
    factories.draft_version(factories.document(), author=owner)
    out, err = io.StringIO(), io.StringIO()
    call_command("backup", output=str(tmp_path), stdout=out, stderr=err)
    assert "and 0 files" in out.getvalue()
    assert f"kept in the bucket '{BUCKET}', not in this archive" in err.getvalue()
