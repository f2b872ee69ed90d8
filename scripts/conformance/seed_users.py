# Creates the self-hosted users named in CONFORMANCE_USERS (space-separated e-mails) through Sentry's
# own ORM, as `sentry createuser` does, so the mapping's `identity: link` has someone to find.
import os

from django.db import router, transaction

from sentry.models import User

with transaction.atomic(using=router.db_for_write(User)):
    for email in os.environ["CONFORMANCE_USERS"].split():
        user = User.objects.create(username=email, email=email, name="", is_active=True)
        user.set_unusable_password()
        user.save()
        print(f"conformance: Sentry created user {email} (id {user.id})")
