/**
 * A staged index change: CloudFormation creates or deletes one global secondary index of a table per stack
 * update, so `-c withoutIndexes=…` leaves indexes out of a deploy and a table deployed before they existed
 * gets them one deploy at a time.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { stackPropsFromContext } from '../../infra/app.js';
import { SiftTables } from '../../infra/constructs/SiftTables.js';
import { ARTICLES_TABLE } from '../../shared/service/storage/tableSchema.js';

const articleIndexes = (withoutIndexes?: string[]) => {
  const stack = new Stack(new App(), 'T');
  new SiftTables(stack, 'Tables', { withoutIndexes });
  const tables = Object.entries(Template.fromStack(stack).findResources('AWS::DynamoDB::GlobalTable'));
  const [, articles] = tables.find(([id]) => id.startsWith(`Tables${ARTICLES_TABLE.logicalName}`))!;
  return (articles.Properties.GlobalSecondaryIndexes as { IndexName: string }[]).map((i) => i.IndexName);
};

describe('staged index changes', () => {
  it('leaves out the named indexes and keeps every other one of the schema', () => {
    const all = ARTICLES_TABLE.indexes.map((i) => i.indexName);
    expect(articleIndexes()).toEqual(all);
    expect(articleIndexes(['byStoryKey', 'byTag'])).toEqual(all.filter((i) => i !== 'byStoryKey' && i !== 'byTag'));
  });

  it('refuses a name that is no index of the tables', () => {
    expect(() => articleIndexes(['byStoryKey3'])).toThrow(/byStoryKey3 is not an index/);
  });

  it('is read from the CDK context', () => {
    const app = new App({ context: { withoutIndexes: 'byStoryKey, byTag' } });
    expect(stackPropsFromContext(app).tables).toEqual({ withoutIndexes: ['byStoryKey', 'byTag'] });
    expect(stackPropsFromContext(new App()).tables).toBeUndefined();
  });
});
