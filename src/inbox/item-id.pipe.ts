import { BadRequestException, PipeTransform } from '@nestjs/common';

/** Item ids are bigint; they travel as decimal strings so no precision is lost in JSON. */
export class ItemIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!/^[1-9]\d{0,17}$/.test(value)) throw new BadRequestException('item id must be a positive integer');
    return value;
  }
}
