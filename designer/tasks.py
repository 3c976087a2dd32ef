"""Celery tasks: interfaces that take ids, call a service and return."""

from __future__ import annotations

from celery import shared_task
from django.contrib.sessions.models import Session
from django.utils import timezone


@shared_task(name="designer.tasks.clear_expired_sessions")
def clear_expired_sessions() -> int:
    """Delete expired login sessions (run daily by beat). Idempotent: a second run finds none."""
    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted
