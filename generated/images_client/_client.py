# Generated from spec/openapi.yaml by images-sdk-generator. Do not edit; run `make generate`.
"""`ImagesClient` and `AsyncImagesClient`: settings, resources, and lifetime."""

from __future__ import annotations

from functools import cached_property
from types import TracebackType
from typing import TYPE_CHECKING, Mapping, Optional, Type, Union

import httpx

from ._base_client import DEFAULT_MAX_RETRIES, APIClient, AsyncAPIClient, ClientDefaults
from ._types import NOT_GIVEN, NotGiven, Timeout
from ._version import __title__, __version__

if TYPE_CHECKING:
    from typing_extensions import Self

    from .resources.images import Images, AsyncImages

__all__ = ["ImagesClient", "AsyncImagesClient"]

DEFAULTS = ClientDefaults(
    base_url="https://api.openai.com/v1",
    user_agent=f"{__title__}/{__version__}",
    api_key_env="OPENAI_API_KEY",
    organization_env="OPENAI_ORG_ID",
    project_env="OPENAI_PROJECT_ID",
    base_url_env="OPENAI_BASE_URL",
)


class ImagesClient(APIClient):
    """Client for Images API.

    Settings not passed fall back to the environment: `OPENAI_API_KEY`, `OPENAI_ORG_ID`,
    `OPENAI_PROJECT_ID`, `OPENAI_BASE_URL`. `timeout` defaults to 600 s (5 s to connect), or
    to the timeout of the `http_client` you pass. Use it as a context manager, or call `close()`.
    """

    def __init__(
        self,
        *,
        api_key: Optional[str] = None,
        organization: Optional[str] = None,
        project: Optional[str] = None,
        base_url: Union[str, httpx.URL, None] = None,
        timeout: Union[Timeout, NotGiven] = NOT_GIVEN,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Optional[Mapping[str, str]] = None,
        http_client: Optional[httpx.Client] = None,
    ) -> None:
        super().__init__(
            defaults=DEFAULTS,
            api_key=api_key,
            organization=organization,
            project=project,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
            http_client=http_client,
        )

    @cached_property
    def images(self) -> Images:
        """The `images` operations."""
        # Imported on first use, with the models it needs, so that importing the client is quick.
        from .resources.images import Images

        return Images(self)

    def with_options(
        self,
        *,
        api_key: Optional[str] = None,
        organization: Optional[str] = None,
        project: Optional[str] = None,
        base_url: Union[str, httpx.URL, None] = None,
        timeout: Union[Timeout, NotGiven] = NOT_GIVEN,
        max_retries: Optional[int] = None,
        default_headers: Optional[Mapping[str, str]] = None,
        http_client: Optional[httpx.Client] = None,
    ) -> Self:
        """A copy with some settings changed; it shares this client's connection pool."""
        copy = type(self)(
            api_key=api_key if api_key is not None else self.api_key,
            organization=organization if organization is not None else self.organization,
            project=project if project is not None else self.project,
            base_url=base_url if base_url is not None else self.base_url,
            timeout=self._timeout if isinstance(timeout, NotGiven) else timeout,
            max_retries=max_retries if max_retries is not None else self.max_retries,
            default_headers={**self.default_headers, **(default_headers or {})},
            http_client=http_client if http_client is not None else self._http,
        )
        copy._sleep, copy._random, copy._now = self._sleep, self._random, self._now
        return copy

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        exc_tb: Optional[TracebackType],
    ) -> None:
        self.close()


class AsyncImagesClient(AsyncAPIClient):
    """Client for Images API.

    Settings not passed fall back to the environment: `OPENAI_API_KEY`, `OPENAI_ORG_ID`,
    `OPENAI_PROJECT_ID`, `OPENAI_BASE_URL`. `timeout` defaults to 600 s (5 s to connect), or
    to the timeout of the `http_client` you pass. Use it as a context manager, or call `close()`.
    """

    def __init__(
        self,
        *,
        api_key: Optional[str] = None,
        organization: Optional[str] = None,
        project: Optional[str] = None,
        base_url: Union[str, httpx.URL, None] = None,
        timeout: Union[Timeout, NotGiven] = NOT_GIVEN,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Optional[Mapping[str, str]] = None,
        http_client: Optional[httpx.AsyncClient] = None,
    ) -> None:
        super().__init__(
            defaults=DEFAULTS,
            api_key=api_key,
            organization=organization,
            project=project,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
            http_client=http_client,
        )

    @cached_property
    def images(self) -> AsyncImages:
        """The `images` operations."""
        # Imported on first use, with the models it needs, so that importing the client is quick.
        from .resources.images import AsyncImages

        return AsyncImages(self)

    def with_options(
        self,
        *,
        api_key: Optional[str] = None,
        organization: Optional[str] = None,
        project: Optional[str] = None,
        base_url: Union[str, httpx.URL, None] = None,
        timeout: Union[Timeout, NotGiven] = NOT_GIVEN,
        max_retries: Optional[int] = None,
        default_headers: Optional[Mapping[str, str]] = None,
        http_client: Optional[httpx.AsyncClient] = None,
    ) -> Self:
        """A copy with some settings changed; it shares this client's connection pool."""
        copy = type(self)(
            api_key=api_key if api_key is not None else self.api_key,
            organization=organization if organization is not None else self.organization,
            project=project if project is not None else self.project,
            base_url=base_url if base_url is not None else self.base_url,
            timeout=self._timeout if isinstance(timeout, NotGiven) else timeout,
            max_retries=max_retries if max_retries is not None else self.max_retries,
            default_headers={**self.default_headers, **(default_headers or {})},
            http_client=http_client if http_client is not None else self._http,
        )
        copy._sleep, copy._random, copy._now = self._sleep, self._random, self._now
        return copy

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        exc_tb: Optional[TracebackType],
    ) -> None:
        await self.close()
