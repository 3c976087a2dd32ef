"""Comments on a design: anyone who may open the design may comment; a comment may be pinned to a node; its
author may delete it."""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser

from ..models import Comment, Design

BODY_MAX = 4000


class CommentInvalid(ValueError):
    def __init__(self, problems: dict[str, str]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{k}: {v}" for k, v in problems.items()))


def add_comment(*, design: Design, author: AbstractBaseUser, body: str, node: str = "") -> Comment:
    """A new comment; `node` must be the id of a node of the design's newest revision (CommentInvalid otherwise)."""
    text = body.strip()
    problems = {}
    if not text:
        problems["body"] = "Write something: a comment cannot be empty."
    elif len(text) > BODY_MAX:
        problems["body"] = f"A comment is at most {BODY_MAX} characters; this one has {len(text)}."
    if node:
        nodes = {n.get("id") for n in (design.head.document.get("nodes") or [])} if design.head else set()
        if node not in nodes:
            problems["node"] = f"This design has no node '{node[:64]}' to pin the comment to."
    if problems:
        raise CommentInvalid(problems)
    return Comment.objects.create(design=design, author=author, body=text, node=node)


def delete_comment(*, comment: Comment, user: AbstractBaseUser) -> None:
    """Only its author deletes a comment (PermissionError otherwise)."""
    if comment.author_id != user.pk:
        raise PermissionError("Only its author may delete a comment.")
    comment.delete()
