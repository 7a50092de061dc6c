from typing import Annotated

from fastapi import Depends, Path

from app.spreadsheets.layouts import LAYOUTS, Layout, ResourceType


async def _layout(
    resource: Annotated[ResourceType, Path(description="The resource type of the sheet.")],
) -> Layout:
    return LAYOUTS[resource]


LayoutDep = Annotated[Layout, Depends(_layout)]
