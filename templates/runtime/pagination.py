# Runtime of images-sdk-generator, copied into each generated client with this line as its header.
"""The pages list methods answer with, importable where the official package keeps them
(`from <package>.pagination import SyncCursorPage`)."""

from ._pagination import AsyncCursorPage, AsyncPage, AsyncPaginator, SyncCursorPage, SyncPage

__all__ = ["SyncPage", "AsyncPage", "SyncCursorPage", "AsyncCursorPage", "AsyncPaginator"]
